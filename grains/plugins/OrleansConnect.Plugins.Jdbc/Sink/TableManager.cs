using Npgsql;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>
/// Knows the destination tables' columns and creates or widens them (<c>auto.create</c>, <c>auto.evolve</c>). Works
/// inside the put's transaction, so DDL commits or rolls back with the rows; the cache is dropped after a failure.
/// </summary>
internal sealed class TableManager(JdbcSinkConfig config)
{
    private const string ColumnsSql = """
        SELECT a.attname FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
        """;

    private readonly Dictionary<TableId, HashSet<string>> _columns = [];

    public void Clear() => _columns.Clear();

    /// <summary>Makes sure the table exists with every column of <paramref name="fields"/>, creating or widening it as allowed.</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableId table, FieldsMetadata fields, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var known) && fields.AllColumns.All(c => known.Contains(c.Name)))
        {
            return;
        }

        var existing = await ReadColumnsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            if (!config.GetBoolean(JdbcSinkConfig.AutoCreateConfig))
            {
                throw new ConnectException($"Table {table} is missing and auto-creation is disabled ('{JdbcSinkConfig.AutoCreateConfig}=false').");
            }

            await ExecuteAsync(connection, transaction, CreateSql(table, fields), cancellationToken).ConfigureAwait(false);
            existing = await ReadColumnsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        }

        var missing = fields.AllColumns.Where(c => !existing.Contains(c.Name)).ToList();
        if (missing.Count > 0)
        {
            if (!config.GetBoolean(JdbcSinkConfig.AutoEvolveConfig))
            {
                throw new ConnectException(
                    $"Table {table} is missing fields ({string.Join(", ", missing.Select(c => c.Name))}) and auto-evolution is disabled ('{JdbcSinkConfig.AutoEvolveConfig}=false').");
            }

            if (missing.Find(c => !c.Schema.IsOptional && c.Schema.DefaultValue is null) is { } required)
            {
                throw new ConnectException(
                    $"Cannot ALTER TABLE {table} to add missing field \"{required.Name}\", as the field is not optional and does not have a default value.");
            }

            var adds = missing.Select(c => "ADD COLUMN IF NOT EXISTS " + Sql.Quote(c.Name) + " " + SinkTypes.SqlType(c.Schema, c.Name) + " NULL");
            await ExecuteAsync(connection, transaction, "ALTER TABLE " + table.Quoted + " " + string.Join(", ", adds), cancellationToken).ConfigureAwait(false);
            existing.UnionWith(missing.Select(c => c.Name));
        }

        _columns[table] = existing;
    }

    private static string CreateSql(TableId table, FieldsMetadata fields)
    {
        var columns = fields.KeyColumns.Select(c => Sql.Quote(c.Name) + " " + SinkTypes.SqlType(c.Schema, c.Name) + " NOT NULL")
            .Concat(fields.ValueColumns.Select(c => Sql.Quote(c.Name) + " " + SinkTypes.SqlType(c.Schema, c.Name) + (c.Schema.IsOptional ? " NULL" : " NOT NULL")))
            .ToList();
        if (fields.KeyColumns.Count > 0)
        {
            columns.Add("PRIMARY KEY(" + string.Join(", ", fields.KeyColumns.Select(c => Sql.Quote(c.Name))) + ")");
        }

        return "CREATE TABLE IF NOT EXISTS " + table.Quoted + " (" + string.Join(", ", columns) + ")";
    }

    private static async Task<HashSet<string>> ReadColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableId table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(ColumnsSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = table.Quoted });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
