using System.Data.Common;
using System.Text;
using Npgsql;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Jdbc.Source;

namespace OrleansConnect.Plugins.Jdbc.Dialects;

/// <summary>PostgreSQL through Npgsql: double-quoted names, the pg_catalog, <c>ON CONFLICT</c> upserts.</summary>
internal sealed class PostgreSqlDialect(TimeZoneInfo timezone) : JdbcDialect(timezone)
{
    private const string TablesSql = """
        SELECT n.nspname, c.relname
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind::text = ANY(@kinds)
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
          AND (@pattern::text IS NULL OR n.nspname LIKE @pattern::text)
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname, c.relname
        """;

    private const string ColumnsSql = """
        SELECT a.attname FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
        """;

    public override string Name => PostgreSqlName;

    public override string NowMinusDelay => "now() - @delay";

    public override string Quote(string identifier) => Sql.Quote(identifier);

    public override DbDataSource CreateDataSource(AbstractConfig config) => JdbcConnectionConfig.CreateDataSource(config);

    public override async Task<IReadOnlyList<TableId>> ListTablesAsync(DbConnection connection, JdbcSourceConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kinds = config.GetList(JdbcSourceConfig.TableTypesConfig).Select(t => t.ToUpperInvariant() switch
        {
            "TABLE" => "r",
            "VIEW" => "v",
            "PARTITIONED TABLE" => "p",
            _ => "m",
        }).ToArray();
        var tables = new List<TableId>();
        await using var command = new NpgsqlCommand(TablesSql, (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("kinds", kinds);
        command.Parameters.Add(new NpgsqlParameter("pattern", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)config.GetString(JdbcSourceConfig.SchemaPatternConfig) ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(new TableId(reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    public override async Task<DateTime> CurrentTimeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT now()", (NpgsqlConnection)connection);
        return (DateTime)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override object DelayValue(TimeSpan delay) => delay;

    // A UTC DateTime goes as timestamptz; a timestamp column compares to it in the session's zone (db.timezone).
    public override object TimestampValue(DateTime utc) => utc;

    public override async Task<IRowReader> RowReaderAsync(DbDataReader reader, string? schemaName, string numericMapping, CancellationToken cancellationToken) =>
        await SourceColumns.ForAsync((NpgsqlDataReader)reader, schemaName, numericMapping, Timezone, cancellationToken).ConfigureAwait(false);

    public override string Placeholder(int position) => "$" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string UpsertClause(FieldsMetadata fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sql = new StringBuilder(" ON CONFLICT (").AppendJoin(", ", fields.KeyColumns.Select(c => Quote(c.Name))).Append(')');
        return fields.ValueColumns.Count == 0
            ? sql.Append(" DO NOTHING").ToString()
            : sql.Append(" DO UPDATE SET ").AppendJoin(", ", fields.ValueColumns.Select(c => Quote(c.Name) + " = EXCLUDED." + Quote(c.Name))).ToString();
    }

    public override string SqlType(Schema schema, string column, bool key) => SinkTypes.SqlType(schema, column);

    public override string AddColumn(string column, Schema schema) => "ADD COLUMN IF NOT EXISTS " + Quote(column) + " " + SinkTypes.SqlType(schema, column) + " NULL";

    public override DbParameter Parameter(Schema schema, object? value) => SinkTypes.Parameter(schema, value);

    public override async Task<HashSet<string>> ReadColumnsAsync(DbConnection connection, DbTransaction transaction, TableId table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(ColumnsSql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Quote(table) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
