using System.Data.Common;
using Npgsql;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Jdbc.Dialects;
using OrleansConnect.Plugins.Jdbc.Numeric;

namespace OrleansConnect.Plugins.Jdbc;

/// <summary>The connection keys the JDBC source and sink share, with Confluent's names and defaults.</summary>
public static class JdbcConnectionConfig
{
    public const string ConnectionUrlConfig = "connection.url";
    public const string ConnectionUserConfig = "connection.user";
    public const string ConnectionPasswordConfig = "connection.password";
    public const string ConnectionAttemptsConfig = "connection.attempts";
    public const string ConnectionBackoffMsConfig = "connection.backoff.ms";
    public const string DbTimezoneConfig = "db.timezone";
    public const string QuoteSqlIdentifiersConfig = "quote.sql.identifiers";
    public const string DialectNameConfig = "dialect.name";

    private const string Group = "Database";

    /// <summary>Adds the connection keys to a definition.</summary>
    public static ConfigDef DefineConnection(this ConfigDef def) => def
        .Define(ConnectionUrlConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.With(EnsureUrl, "jdbc:postgresql://host:port/database, jdbc:mysql://host:port/database or jdbc:mariadb://host:port/database"), Importance.High,
            "JDBC connection URL: jdbc:postgresql://host[:port][,host2[:port2]]/database[?user=..&password=..] (mapped onto an Npgsql connection string), or jdbc:mysql:// or jdbc:mariadb://host[:port]/database[?..] (MySqlConnector). The URL chooses the dialect.",
            Group, 1, Width.Long, "JDBC URL")
        .Define(ConnectionUserConfig, ConfigType.String, null, null, Importance.High,
            "JDBC connection user; overrides a user in the URL.", Group, 2, Width.Medium, "JDBC User")
        .Define(ConnectionPasswordConfig, ConfigType.Password, null, null, Importance.High,
            "JDBC connection password; overrides a password in the URL. Never logged.", Group, 3, Width.Medium, "JDBC Password")
        .Define(ConnectionAttemptsConfig, ConfigType.Int, 3, Validators.AtLeast(1), Importance.Low,
            "Attempts to open a connection when the connector starts.", Group, 4, Width.Short, "JDBC connection attempts")
        .Define(ConnectionBackoffMsConfig, ConfigType.Long, 10_000L, Validators.AtLeast(0), Importance.Low,
            "Milliseconds between connection attempts.", Group, 5, Width.Short, "JDBC connection backoff in milliseconds")
        .Define(DbTimezoneConfig, ConfigType.String, "UTC", Validators.With(EnsureTimezone, "an IANA time zone"), Importance.Medium,
            "The time zone of the database session: `timestamp` columns (without time zone) are read and written as wall-clock times in it.",
            Group, 6, Width.Medium, "DB time zone")
        .Define(QuoteSqlIdentifiersConfig, ConfigType.String, "always", Validators.ValidString("always"), Importance.Medium,
            "When to quote table and column names. Only 'always' is supported: every identifier is quoted (double quotes on PostgreSQL, backticks on MySQL).", Group, 7, Width.Medium, "Quote Identifiers")
        .Define(DialectNameConfig, ConfigType.String, string.Empty, Validators.ValidString(string.Empty, JdbcDialect.PostgreSqlName, JdbcDialect.MySqlName), Importance.Low,
            "The database dialect: empty (from the URL), PostgreSqlDatabaseDialect or MySqlDatabaseDialect (which must match the URL).", Group, 8, Width.Long, "Database Dialect");

    /// <summary>Builds the PostgreSQL data source for a parsed configuration: the URL, then the user and password keys on top.</summary>
    public static NpgsqlDataSource CreateDataSource(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = JdbcUrl.Parse(ConnectionUrlConfig, config.GetString(ConnectionUrlConfig)!);
        if (config.GetString(ConnectionUserConfig) is { Length: > 0 } user)
        {
            builder.Username = user;
        }

        if (config.GetPassword(ConnectionPasswordConfig) is { } password)
        {
            builder.Password = password.Value;
        }

        builder.Timezone = config.GetString(DbTimezoneConfig);
        // Arrays with null elements read as T?[] (the default throws for them).
        builder.ArrayNullabilityMode = ArrayNullabilityMode.PerInstance;
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        // numeric as BigDecimal and PostgresNumeric: every digit, where Npgsql's decimal stops at 28.
        dataSource.AddTypeInfoResolverFactory(new NumericTypeInfoResolverFactory());
        return dataSource.Build();
    }

    /// <summary>The errors of the connection keys that involve more than one key: a <c>dialect.name</c> the URL contradicts.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var urlDialect = MySqlJdbcUrl.Accepts(config.GetString(ConnectionUrlConfig) ?? string.Empty) ? JdbcDialect.MySqlName : JdbcDialect.PostgreSqlName;
        if (config.GetString(DialectNameConfig) is { Length: > 0 } name && name != urlDialect)
        {
            yield return (DialectNameConfig, $"'{DialectNameConfig}' is {name}, but '{ConnectionUrlConfig}' is a {urlDialect} URL");
        }
    }

    /// <summary>The <c>db.timezone</c> as a .NET time zone.</summary>
    public static TimeZoneInfo Timezone(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return TimeZoneInfo.FindSystemTimeZoneById(config.GetString(DbTimezoneConfig)!);
    }

    /// <summary>Opens a connection, turning a failure into a <see cref="Errors.RetriableException"/>.</summary>
    internal static async Task<DbConnection> OpenAsync(JdbcDialect dialect, DbDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dialect.OpenConnectionAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (JdbcErrors.IsDatabaseError(e))
        {
            throw new Errors.RetriableException("Could not connect to the database: " + e.Message, e);
        }
    }

    /// <summary>Opens a connection with <c>connection.attempts</c> and <c>connection.backoff.ms</c>, as the connectors do at start.</summary>
    internal static async Task<DbConnection> OpenWithAttemptsAsync(JdbcDialect dialect, DbDataSource dataSource, AbstractConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var attempts = config.GetInt(ConnectionAttemptsConfig);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OpenAsync(dialect, dataSource, cancellationToken).ConfigureAwait(false);
            }
            catch (Errors.RetriableException) when (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(config.GetLong(ConnectionBackoffMsConfig)), cancellationToken).ConfigureAwait(false);
            }
            catch (Errors.RetriableException e)
            {
                throw new Errors.ConnectException($"Could not connect to the database after {attempts} attempts: {e.InnerException?.Message}", e);
            }
        }
    }

    private static void EnsureUrl(string name, object? value)
    {
        if (value is not string url || url.Length == 0)
        {
            throw new ConfigException(name, value, "String must be non-empty");
        }

        if (MySqlJdbcUrl.Accepts(url))
        {
            _ = MySqlJdbcUrl.Parse(name, url);
        }
        else
        {
            _ = JdbcUrl.Parse(name, url);
        }
    }

    private static void EnsureTimezone(string name, object? value)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById((string)value!);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ConfigException(name, value, "not a known time zone");
        }
    }
}
