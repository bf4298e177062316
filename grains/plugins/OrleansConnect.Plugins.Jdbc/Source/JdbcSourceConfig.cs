using System.Text.RegularExpressions;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Jdbc.Source;

/// <summary>The keys of <see cref="JdbcSourceConnector"/>, named and defaulted as Confluent's JdbcSourceConnectorConfig.</summary>
public sealed class JdbcSourceConfig : AbstractConfig
{
    public const string ModeConfig = "mode";
    public const string ModeBulk = "bulk";
    public const string ModeIncrementing = "incrementing";
    public const string ModeTimestamp = "timestamp";
    public const string ModeTimestampIncrementing = "timestamp+incrementing";
    public const string IncrementingColumnNameConfig = "incrementing.column.name";
    public const string TimestampColumnNameConfig = "timestamp.column.name";
    public const string TimestampInitialConfig = "timestamp.initial";
    public const long TimestampInitialCurrent = -1;
    public const string TimestampDelayIntervalMsConfig = "timestamp.delay.interval.ms";
    public const string ValidateNonNullConfig = "validate.non.null";
    public const string QueryConfig = "query";
    public const string TopicPrefixConfig = "topic.prefix";
    public const string PollIntervalMsConfig = "poll.interval.ms";
    public const string BatchMaxRowsConfig = "batch.max.rows";
    public const string TablePollIntervalMsConfig = "table.poll.interval.ms";
    public const string TableWhitelistConfig = "table.whitelist";
    public const string TableBlacklistConfig = "table.blacklist";
    public const string TableIncludeListConfig = "table.include.list";
    public const string TableExcludeListConfig = "table.exclude.list";
    public const string TableTypesConfig = "table.types";
    public const string SchemaPatternConfig = "schema.pattern";
    public const string NumericMappingConfig = "numeric.mapping";
    public const string NumericMappingNone = "none";
    public const string NumericMappingPrecisionOnly = "precision_only";
    public const string NumericMappingBestFit = "best_fit";
    public const string NumericMappingBestFitEagerDouble = "best_fit_eager_double";

    /// <summary>The task config key listing a task's tables, as Confluent's <c>tables</c> (here a JSON array, since names may hold commas).</summary>
    public const string TablesConfig = "tables";

    public static readonly IReadOnlyList<string> TableTypes = ["TABLE", "VIEW", "PARTITIONED TABLE", "MATERIALIZED VIEW"];

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .Define(ModeConfig, ConfigType.String, string.Empty,
            Validators.ValidString(string.Empty, ModeBulk, ModeIncrementing, ModeTimestamp, ModeTimestampIncrementing), Importance.High,
            "How each poll finds new rows: bulk (the whole table every poll), incrementing (a strictly increasing column), timestamp (a modification timestamp), timestamp+incrementing (both: the reliable mode).",
            "Mode", 1, Width.Medium, "Table Loading Mode")
        .Define(IncrementingColumnNameConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "The strictly increasing, NOT NULL column for incrementing and timestamp+incrementing modes.", "Mode", 2, Width.Medium, "Incrementing Column Name")
        .Define(TimestampColumnNameConfig, ConfigType.List, string.Empty, null, Importance.Medium,
            "One or more timestamp columns for timestamp modes; with several, a row's timestamp is COALESCE(col1, col2, ...).", "Mode", 3, Width.Medium, "Timestamp Column Name")
        .Define(TimestampInitialConfig, ConfigType.Long, null, null, Importance.Low,
            "Epoch milliseconds to start timestamp modes from when there is no stored offset; -1 for the database's current time; unset for all history.",
            "Mode", 4, Width.Medium, "Unix time value of initial timestamp")
        .Define(ValidateNonNullConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Check at start that the incrementing column is NOT NULL and that at least one timestamp column is.", "Mode", 5, Width.Short, "Validate Non Null")
        .Define(QueryConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "A custom SELECT to read instead of tables. Incremental modes filter and order its rows; topic.prefix is then the whole topic name.",
            "Mode", 6, Width.Short, "Query")
        .Define(TableWhitelistConfig, ConfigType.List, string.Empty, null, Importance.Medium,
            "Tables to read, as table or schema.table. Not with table.blacklist or the include/exclude lists.", "Database", 10, Width.Long, "Table Whitelist")
        .Define(TableBlacklistConfig, ConfigType.List, string.Empty, null, Importance.Medium,
            "Tables not to read, as table or schema.table.", "Database", 11, Width.Long, "Table Blacklist")
        .Define(TableIncludeListConfig, ConfigType.List, string.Empty, Validators.With(EnsureRegexes, "regular expressions"), Importance.Medium,
            "Regular expressions; a table is read when one matches its whole schema.table name. Not with the legacy whitelist/blacklist.",
            "Database", 12, Width.Long, "Table Include List")
        .Define(TableExcludeListConfig, ConfigType.List, string.Empty, Validators.With(EnsureRegexes, "regular expressions"), Importance.Medium,
            "Regular expressions; a table is not read when one matches its whole schema.table name.", "Database", 13, Width.Long, "Table Exclude List")
        .Define(TableTypesConfig, ConfigType.List, "TABLE", Validators.With(EnsureTableTypes, string.Join(", ", TableTypes)), Importance.Low,
            "Kinds of relation to read: " + string.Join(", ", TableTypes) + ".", "Database", 14, Width.Medium, "Table Types")
        .Define(SchemaPatternConfig, ConfigType.String, null, null, Importance.Medium,
            "A LIKE pattern for the schemas (MySQL: databases) to read tables from; unset: every schema but pg_catalog, information_schema and pg_toast (MySQL: the URL's database).",
            "Database", 15, Width.Medium, "Schema pattern")
        .Define(NumericMappingConfig, ConfigType.String, null,
            Validators.ValidString(NumericMappingNone, NumericMappingPrecisionOnly, NumericMappingBestFit, NumericMappingBestFitEagerDouble), Importance.Low,
            "How numeric(p,s) columns map: none (Decimal), precision_only (integers for scale 0), best_fit (also FLOAT64 when precision < 19), best_fit_eager_double (FLOAT64 for any scale > 0).",
            "Database", 16, Width.Short, "Map Numeric Values By Precision")
        .Define(TimestampDelayIntervalMsConfig, ConfigType.Long, 0L, Validators.AtLeast(0), Importance.High,
            "Timestamp modes read only rows older than the database's now() minus this, so transactions that commit late are not skipped.",
            "Connector", 1, Width.Medium, "Delay Interval (ms)")
        .Define(PollIntervalMsConfig, ConfigType.Int, 5000, Validators.AtLeast(1), Importance.High,
            "Milliseconds between polls of each table.", "Connector", 2, Width.Short, "Poll Interval (ms)")
        .Define(BatchMaxRowsConfig, ConfigType.Int, 100, Validators.AtLeast(1), Importance.Low,
            "The most rows one poll returns.", "Connector", 3, Width.Short, "Max Rows Per Batch")
        .Define(TablePollIntervalMsConfig, ConfigType.Long, 60_000L, Validators.AtLeast(1), Importance.Low,
            "Milliseconds between looks for added or removed tables; a change reconfigures the tasks.", "Connector", 4, Width.Short, "Metadata Change Monitoring Interval (ms)")
        .Define(TopicPrefixConfig, ConfigType.String, ConfigDef.NoDefaultValue, null, Importance.High,
            "Prefix of the topic names: topic = prefix + table name; with query, the topic name itself.", "Connector", 5, Width.Medium, "Topic Prefix");

    public JdbcSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
        if (CrossKeyErrors(this).FirstOrDefault() is { Key: not null } error)
        {
            throw new ConfigException(error.Message) { Name = error.Key };
        }
    }

    public string Mode => GetString(ModeConfig)!;

    public string? Query => GetString(QueryConfig) is { Length: > 0 } q ? q : null;

    public string? IncrementingColumn => GetString(IncrementingColumnNameConfig) is { Length: > 0 } c ? c : null;

    public IReadOnlyList<string> TimestampColumns => GetList(TimestampColumnNameConfig).Where(c => c.Length > 0).ToArray();

    public bool UsesIncrementing => Mode is ModeIncrementing or ModeTimestampIncrementing;

    public bool UsesTimestamp => Mode is ModeTimestamp or ModeTimestampIncrementing;

    /// <summary>The errors that involve more than one key, each with the key it is reported on.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var error in JdbcConnectionConfig.CrossKeyErrors(config))
        {
            yield return error;
        }

        var mode = config.GetString(ModeConfig);
        if (string.IsNullOrEmpty(mode))
        {
            yield return (ModeConfig, $"Query mode must be specified: set '{ModeConfig}' to one of {ModeBulk}, {ModeIncrementing}, {ModeTimestamp}, {ModeTimestampIncrementing}");
        }

        if (mode is ModeIncrementing or ModeTimestampIncrementing && string.IsNullOrEmpty(config.GetString(IncrementingColumnNameConfig)))
        {
            yield return (IncrementingColumnNameConfig, $"'{IncrementingColumnNameConfig}' must be set for mode {mode}");
        }

        if (mode is ModeTimestamp or ModeTimestampIncrementing && !config.GetList(TimestampColumnNameConfig).Any(c => c.Length > 0))
        {
            yield return (TimestampColumnNameConfig, $"'{TimestampColumnNameConfig}' must be set for mode {mode}");
        }

        var whitelist = config.GetList(TableWhitelistConfig).Count > 0;
        var blacklist = config.GetList(TableBlacklistConfig).Count > 0;
        var include = config.GetList(TableIncludeListConfig).Count > 0;
        var exclude = config.GetList(TableExcludeListConfig).Count > 0;
        if (whitelist && blacklist)
        {
            yield return (TableBlacklistConfig, $"'{TableWhitelistConfig}' and '{TableBlacklistConfig}' cannot both be set");
        }

        if ((whitelist || blacklist) && (include || exclude))
        {
            yield return (include ? TableIncludeListConfig : TableExcludeListConfig,
                $"'{TableIncludeListConfig}'/'{TableExcludeListConfig}' cannot be combined with the legacy '{TableWhitelistConfig}'/'{TableBlacklistConfig}'");
        }

        if (!string.IsNullOrEmpty(config.GetString(QueryConfig)) && (whitelist || blacklist || include || exclude))
        {
            yield return (QueryConfig, $"Do not set table filters ({TableWhitelistConfig}, {TableBlacklistConfig}, {TableIncludeListConfig}, {TableExcludeListConfig}) with '{QueryConfig}'");
        }
    }

    private static void EnsureRegexes(string name, object? value)
    {
        foreach (var pattern in (IReadOnlyList<string>?)value ?? [])
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new ConfigException(name, pattern, "not a valid regular expression: " + e.Message);
            }
        }
    }

    private static void EnsureTableTypes(string name, object? value)
    {
        foreach (var type in (IReadOnlyList<string>?)value ?? [])
        {
            if (!TableTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigException(name, type, "String must be one of: " + string.Join(", ", TableTypes));
            }
        }
    }
}
