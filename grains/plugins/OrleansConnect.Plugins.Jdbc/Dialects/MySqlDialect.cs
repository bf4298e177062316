using System.Data.Common;
using System.Globalization;
using System.Text;
using MySqlConnector;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Jdbc.Source;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Jdbc.Dialects;

/// <summary>
/// MySQL and MariaDB through MySqlConnector: backtick-quoted names, information_schema, <c>ON DUPLICATE KEY UPDATE</c>
/// upserts. A table's qualifier is its database (MySQL's catalog), so a table is <c>database.table</c>, as Confluent's
/// MySQL dialect names it. Each session's <c>time_zone</c> is <c>db.timezone</c> (by name when it has daylight saving
/// time and the server knows it, else its current UTC offset), so <c>DATETIME</c> and <c>TIMESTAMP</c> columns both
/// read and write wall-clock times in <c>db.timezone</c>.
/// </summary>
internal sealed class MySqlDialect(TimeZoneInfo timezone) : JdbcDialect(timezone)
{
    private const string TablesSql = """
        SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES
        WHERE TABLE_TYPE IN ({0})
          AND ((@pattern IS NULL AND TABLE_SCHEMA = DATABASE()) OR TABLE_SCHEMA LIKE @pattern)
          AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
        ORDER BY TABLE_SCHEMA, TABLE_NAME
        """;

    private const string ColumnsSql = """
        SELECT COLUMN_NAME FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = COALESCE(@schema, DATABASE()) AND TABLE_NAME = @name
        """;

    public override string Name => MySqlName;

    public override string NowMinusDelay => "NOW(6) - INTERVAL @delay MICROSECOND";

    public override string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0 || identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new DataException("An SQL identifier must be non-empty and must not contain a NUL character.");
        }

        return "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    public override DbDataSource CreateDataSource(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = MySqlJdbcUrl.Parse(JdbcConnectionConfig.ConnectionUrlConfig, config.GetString(JdbcConnectionConfig.ConnectionUrlConfig)!);
        if (config.GetString(JdbcConnectionConfig.ConnectionUserConfig) is { Length: > 0 } user)
        {
            builder.UserID = user;
        }

        if (config.GetPassword(JdbcConnectionConfig.ConnectionPasswordConfig) is { } password)
        {
            builder.Password = password.Value;
        }

        // CHAR(36) and BINARY(16) stay strings and bytes, as the JDBC drivers read them, rather than becoming Guids.
        builder.GuidFormat = MySqlGuidFormat.None;
        return new MySqlDataSource(builder.ConnectionString);
    }

    public override async Task<DbConnection> OpenConnectionAsync(DbDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await base.OpenConnectionAsync(dataSource, cancellationToken).ConfigureAwait(false);
        try
        {
            // A zone with daylight saving time needs the server's own rules (its time zone tables, loaded with
            // mysql_tzinfo_to_sql) for TIMESTAMP values of the other season; without them, the current offset.
            if (!Timezone.SupportsDaylightSavingTime || !await TrySetTimeZoneAsync(connection, Timezone.Id, cancellationToken).ConfigureAwait(false))
            {
                var offset = Timezone.GetUtcOffset(DateTime.UtcNow);
                await TrySetTimeZoneAsync(connection, (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets the session's time_zone; false when the server does not know the zone (ER_UNKNOWN_TIME_ZONE).</summary>
    private static async Task<bool> TrySetTimeZoneAsync(DbConnection connection, string zone, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SET time_zone = @zone";
        AddParameter(command, "@zone", zone);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MySqlException e) when ((int)e.ErrorCode == 1298)
        {
            return false;
        }
    }

    public override async Task<IReadOnlyList<TableId>> ListTablesAsync(DbConnection connection, JdbcSourceConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(config);
        // MySQL has base tables and views; a partitioned table is a base table, and there are no materialized views.
        var types = config.GetList(JdbcSourceConfig.TableTypesConfig).Select(t => t.ToUpperInvariant()).SelectMany(t => t switch
        {
            "TABLE" => new[] { "BASE TABLE", "SYSTEM VERSIONED" },
            "VIEW" => ["VIEW"],
            _ => [],
        }).Distinct().ToArray();
        if (types.Length == 0)
        {
            return [];
        }

        var tables = new List<TableId>();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(CultureInfo.InvariantCulture, TablesSql, string.Join(", ", types.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture))));
        foreach (var (i, type) in types.Index())
        {
            AddParameter(command, "@t" + i.ToString(CultureInfo.InvariantCulture), type);
        }

        AddParameter(command, "@pattern", (object?)config.GetString(JdbcSourceConfig.SchemaPatternConfig) ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(new TableId(reader.GetString(0), reader.GetString(1)));
        }

        return tables;
    }

    public override async Task<DateTime> CurrentTimeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT UTC_TIMESTAMP(6)";
        return DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, DateTimeKind.Utc);
    }

    public override object DelayValue(TimeSpan delay) => delay.Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    public override object TimestampValue(DateTime utc) => WallClock(utc);

    public override async Task<IRowReader> RowReaderAsync(DbDataReader reader, string? schemaName, string numericMapping, CancellationToken cancellationToken) =>
        await MySqlSourceColumns.ForAsync((MySqlDataReader)reader, schemaName, numericMapping, Timezone, cancellationToken).ConfigureAwait(false);

    public override string Placeholder(int position) => "?";

    public override string UpsertClause(FieldsMetadata fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var sql = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        // With every column in the key there is nothing to update: a no-op assignment keeps the existing row.
        return fields.ValueColumns.Count == 0
            ? sql.Append(Quote(fields.KeyColumns[0].Name)).Append(" = ").Append(Quote(fields.KeyColumns[0].Name)).ToString()
            : sql.AppendJoin(", ", fields.ValueColumns.Select(c => Quote(c.Name) + " = VALUES(" + Quote(c.Name) + ")")).ToString();
    }

    /// <summary>As Confluent's MySQL dialect, except where a type would not work (see docs/reference/jdbc.md).</summary>
    public override string SqlType(Schema schema, string column, bool key)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Name switch
        {
            ConnectDecimal.LogicalName => "DECIMAL(65," + ConnectDecimal.Scale(schema).ToString(CultureInfo.InvariantCulture) + ")",
            Date.LogicalName => "DATE",
            Time.LogicalName => "TIME(3)",
            Timestamp.LogicalName => "DATETIME(3)",
            _ => schema.Type switch
            {
                SchemaType.Int8 => "TINYINT",
                SchemaType.Int16 => "SMALLINT",
                SchemaType.Int32 => "INT",
                SchemaType.Int64 => "BIGINT",
                SchemaType.Float32 => "FLOAT",
                SchemaType.Float64 => "DOUBLE",
                SchemaType.Boolean => "BOOLEAN",
                // A key cannot be TEXT or BLOB (MySQL indexes only a prefix of those).
                SchemaType.String => key ? "VARCHAR(256)" : "TEXT",
                SchemaType.Bytes => key ? "VARBINARY(1024)" : "BLOB",
                _ => throw new ConnectException($"Column \"{column}\": the Connect type {schema} has no MySQL column type (arrays, maps and structs are not supported)."),
            },
        };
    }

    public override string AddColumn(string column, Schema schema) => "ADD COLUMN " + Quote(column) + " " + SqlType(schema, column, key: false) + " NULL";

    public override DbParameter Parameter(Schema schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new MySqlParameter { Value = value is null ? DBNull.Value : Convert(schema, value) };
    }

    public override async Task<HashSet<string>> ReadColumnsAsync(DbConnection connection, DbTransaction transaction, TableId table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ColumnsSql;
        AddParameter(command, "@schema", (object?)table.Schema ?? DBNull.Value);
        AddParameter(command, "@name", table.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private object Convert(Schema schema, object value) => schema.Name switch
    {
        // As text, so the server parses every digit into the DECIMAL column (a .NET decimal stops at 28).
        ConnectDecimal.LogicalName => value is BigDecimal d ? d.ToPlainString() : throw new DataException($"A Decimal value must be a BigDecimal, not {value.GetType()}"),
        Date.LogicalName => value switch
        {
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            DateTime dt => dt.Date,
            _ => value,
        },
        Time.LogicalName => value switch
        {
            TimeOnly t => t.ToTimeSpan(),
            DateTime dt => dt.TimeOfDay,
            _ => value,
        },
        Timestamp.LogicalName => value switch
        {
            DateTimeOffset dto => WallClock(dto.UtcDateTime),
            DateTime { Kind: DateTimeKind.Unspecified } dt => WallClock(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTime dt => WallClock(dt.ToUniversalTime()),
            _ => value,
        },
        _ => schema.Type == SchemaType.Array
            ? throw new DataException("MySQL has no array columns.")
            : value,
    };

    // The session's time_zone is db.timezone's offset, so a DATETIME or TIMESTAMP value is a wall-clock time in it.
    private DateTime WallClock(DateTime utc) =>
        utc <= DateTime.MinValue.AddDays(1) ? DateTime.MinValue : DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, Timezone), DateTimeKind.Unspecified);
}
