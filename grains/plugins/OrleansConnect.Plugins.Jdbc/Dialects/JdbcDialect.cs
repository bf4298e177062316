using System.Data.Common;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Jdbc.Sink;
using OrleansConnect.Plugins.Jdbc.Source;

namespace OrleansConnect.Plugins.Jdbc.Dialects;

/// <summary>
/// What differs between the databases the connectors reach, chosen from the <c>connection.url</c> as Confluent's
/// DatabaseDialects picks a dialect from the JDBC subprotocol: how names are quoted, how a connection is made, which
/// catalog lists the tables, how a source result set maps to Connect, which column types <c>auto.create</c> and
/// <c>auto.evolve</c> use and how an upsert is written. Everything else (the polling, the offsets, the batching, the
/// retries) is shared and talks to the database through ADO.NET's base classes. An instance belongs to one connector
/// or task configuration (it knows its <c>db.timezone</c>).
/// </summary>
internal abstract class JdbcDialect(TimeZoneInfo timezone)
{
    public const string PostgreSqlName = "PostgreSqlDatabaseDialect";
    public const string MySqlName = "MySqlDatabaseDialect";

    /// <summary>The <c>db.timezone</c>: the zone of wall-clock (timestamp without time zone) columns.</summary>
    public TimeZoneInfo Timezone { get; } = timezone;

    /// <summary>Confluent's name of the dialect, as <c>dialect.name</c> takes it.</summary>
    public abstract string Name { get; }

    /// <summary>The dialect of a parsed configuration, from its URL (<c>dialect.name</c> is checked against it with the other cross-key errors).</summary>
    public static JdbcDialect For(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var timezone = JdbcConnectionConfig.Timezone(config);
        return MySqlJdbcUrl.Accepts(config.GetString(JdbcConnectionConfig.ConnectionUrlConfig)!)
            ? new MySqlDialect(timezone)
            : new PostgreSqlDialect(timezone);
    }

    /// <summary>The only way a name reaches SQL text: quoted so that any name is one identifier and never SQL.</summary>
    public abstract string Quote(string identifier);

    /// <summary>The quoted, qualified name of a table.</summary>
    public string Quote(TableId table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Schema is null ? Quote(table.Name) : Quote(table.Schema) + "." + Quote(table.Name);
    }

    /// <summary>The data source of a configuration: the URL, then <c>connection.user</c> and <c>connection.password</c> on top.</summary>
    public abstract DbDataSource CreateDataSource(AbstractConfig config);

    /// <summary>Opens a connection and prepares its session.</summary>
    public virtual async Task<DbConnection> OpenConnectionAsync(DbDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables of <c>table.types</c> the connection may read, before the configured filters.</summary>
    public abstract Task<IReadOnlyList<TableId>> ListTablesAsync(DbConnection connection, JdbcSourceConfig config, CancellationToken cancellationToken);

    /// <summary>The database's current time, as UTC.</summary>
    public abstract Task<DateTime> CurrentTimeAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>SQL for "the database's now minus the <c>@delay</c> parameter".</summary>
    public abstract string NowMinusDelay { get; }

    /// <summary>The value of the <c>@delay</c> parameter.</summary>
    public abstract object DelayValue(TimeSpan delay);

    /// <summary>The value of the <c>@ts</c> parameter for an instant.</summary>
    public abstract object TimestampValue(DateTime utc);

    /// <summary>Adds a named parameter (<c>@name</c> in the SQL).</summary>
    public static void AddParameter(DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The Connect schema of a result set and the reading of its rows.</summary>
    public abstract Task<IRowReader> RowReaderAsync(DbDataReader reader, string? schemaName, string numericMapping, CancellationToken cancellationToken);

    /// <summary>The placeholder of the sink's <paramref name="position"/>-th (from 1) positional parameter.</summary>
    public abstract string Placeholder(int position);

    /// <summary>What follows an INSERT of <paramref name="fields"/> to make it an upsert on the key columns.</summary>
    public abstract string UpsertClause(FieldsMetadata fields);

    /// <summary>The column type <c>auto.create</c> and <c>auto.evolve</c> give a field; <paramref name="key"/> for a primary key column.</summary>
    public abstract string SqlType(Schema schema, string column, bool key);

    /// <summary>The clause of an ALTER TABLE that adds a nullable column.</summary>
    public abstract string AddColumn(string column, Schema schema);

    /// <summary>A statement parameter for a value of a Connect schema.</summary>
    public abstract DbParameter Parameter(Schema schema, object? value);

    /// <summary>The names of a table's columns; empty when the table does not exist.</summary>
    public abstract Task<HashSet<string>> ReadColumnsAsync(DbConnection connection, DbTransaction transaction, TableId table, CancellationToken cancellationToken);
}
