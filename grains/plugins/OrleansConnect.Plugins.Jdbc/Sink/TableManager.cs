using System.Data.Common;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Dialects;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>
/// Knows the destination tables' columns and creates or widens them (<c>auto.create</c>, <c>auto.evolve</c>). Works
/// inside the put's transaction, so on PostgreSQL DDL commits or rolls back with the rows (MySQL commits the transaction
/// before DDL, which only makes rows durable earlier); the cache is dropped after a failure.
/// </summary>
internal sealed class TableManager(JdbcSinkConfig config, JdbcDialect dialect)
{
    private readonly Dictionary<TableId, HashSet<string>> _columns = [];

    public void Clear() => _columns.Clear();

    /// <summary>Makes sure the table exists with every column of <paramref name="fields"/>, creating or widening it as allowed.</summary>
    public async Task EnsureAsync(DbConnection connection, DbTransaction transaction, TableId table, FieldsMetadata fields, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var known) && fields.AllColumns.All(c => known.Contains(c.Name)))
        {
            return;
        }

        var existing = await dialect.ReadColumnsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            if (!config.GetBoolean(JdbcSinkConfig.AutoCreateConfig))
            {
                throw new ConnectException($"Table {table} is missing and auto-creation is disabled ('{JdbcSinkConfig.AutoCreateConfig}=false').");
            }

            await ExecuteAsync(connection, transaction, CreateSql(table, fields), cancellationToken).ConfigureAwait(false);
            existing = await dialect.ReadColumnsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
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

            var adds = missing.Select(c => dialect.AddColumn(c.Name, c.Schema));
            await ExecuteAsync(connection, transaction, "ALTER TABLE " + dialect.Quote(table) + " " + string.Join(", ", adds), cancellationToken).ConfigureAwait(false);
            existing.UnionWith(missing.Select(c => c.Name));
        }

        _columns[table] = existing;
    }

    private string CreateSql(TableId table, FieldsMetadata fields)
    {
        var columns = fields.KeyColumns.Select(c => dialect.Quote(c.Name) + " " + dialect.SqlType(c.Schema, c.Name, key: true) + " NOT NULL")
            .Concat(fields.ValueColumns.Select(c => dialect.Quote(c.Name) + " " + dialect.SqlType(c.Schema, c.Name, key: false) + (c.Schema.IsOptional ? " NULL" : " NOT NULL")))
            .ToList();
        if (fields.KeyColumns.Count > 0)
        {
            columns.Add("PRIMARY KEY(" + string.Join(", ", fields.KeyColumns.Select(c => dialect.Quote(c.Name))) + ")");
        }

        return "CREATE TABLE IF NOT EXISTS " + dialect.Quote(table) + " (" + string.Join(", ", columns) + ")";
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
