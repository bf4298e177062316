using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>The keys of <see cref="JdbcSinkConnector"/>, named and defaulted as Confluent's JdbcSinkConfig.</summary>
public sealed class JdbcSinkConfig : AbstractConfig
{
    public const string InsertModeConfig = "insert.mode";
    public const string InsertModeInsert = "insert";
    public const string InsertModeUpsert = "upsert";
    public const string InsertModeUpdate = "update";
    public const string BatchSizeConfig = "batch.size";
    public const string DeleteEnabledConfig = "delete.enabled";
    public const string TableNameFormatConfig = "table.name.format";
    public const string PkModeConfig = "pk.mode";
    public const string PkModeNone = "none";
    public const string PkModeKafka = "kafka";
    public const string PkModeRecordKey = "record_key";
    public const string PkModeRecordValue = "record_value";
    public const string PkFieldsConfig = "pk.fields";
    public const string FieldsWhitelistConfig = "fields.whitelist";
    public const string AutoCreateConfig = "auto.create";
    public const string AutoEvolveConfig = "auto.evolve";
    public const string MaxRetriesConfig = "max.retries";
    public const string RetryBackoffMsConfig = "retry.backoff.ms";

    public static ConfigDef Keys { get; } = new ConfigDef()
        .DefineConnection()
        .Define(InsertModeConfig, ConfigType.String, InsertModeInsert, Validators.CaseInsensitiveValidString(InsertModeInsert, InsertModeUpsert, InsertModeUpdate), Importance.High,
            "insert: plain INSERT; upsert: INSERT ... ON CONFLICT (pk) DO UPDATE (PostgreSQL) or ON DUPLICATE KEY UPDATE (MySQL), idempotent under replay; update: UPDATE by primary key.",
            "Writes", 1, Width.Medium, "Insert Mode")
        .Define(BatchSizeConfig, ConfigType.Int, 3000, Validators.AtLeast(0), Importance.Medium,
            "The most statements sent to the database in one round trip.", "Writes", 2, Width.Short, "Batch Size")
        .Define(DeleteEnabledConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether a record with a null value (a tombstone) deletes the row with its key. Requires pk.mode=record_key.", "Writes", 3, Width.Short, "Enable deletes")
        .Define(TableNameFormatConfig, ConfigType.String, "${topic}", Validators.NonEmptyString(), Importance.Medium,
            "The destination table name; ${topic} is replaced by the record's topic. A name with dots is schema.table.", "Data Mapping", 1, Width.Long, "Table Name Format")
        .Define(PkModeConfig, ConfigType.String, PkModeNone, Validators.CaseInsensitiveValidString(PkModeNone, PkModeKafka, PkModeRecordKey, PkModeRecordValue), Importance.High,
            "Where the primary key comes from: none, kafka (topic, partition, offset), record_key, record_value.", "Data Mapping", 2, Width.Medium, "Primary Key Mode")
        .Define(PkFieldsConfig, ConfigType.List, string.Empty, null, Importance.Medium,
            "The primary key column names. kafka: three names (default __connect_topic,__connect_partition,__connect_offset); record_key: key fields (empty = all; one name for a primitive key); record_value: value fields (empty = all).",
            "Data Mapping", 3, Width.Long, "Primary Key Fields")
        .Define(FieldsWhitelistConfig, ConfigType.List, string.Empty, null, Importance.Medium,
            "The value fields written as columns; empty = all. The primary key columns are written regardless.", "Data Mapping", 4, Width.Long, "Fields Whitelist")
        .Define(AutoCreateConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether to CREATE TABLE a missing destination table from the record schema, with the primary key of pk.mode/pk.fields.", "DDL Support", 1, Width.Short, "Auto-Create")
        .Define(AutoEvolveConfig, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether to ALTER TABLE ADD COLUMN (nullable) for record fields the table lacks. Columns are never dropped or retyped.", "DDL Support", 2, Width.Short, "Auto-Evolve")
        .Define(MaxRetriesConfig, ConfigType.Int, 10, Validators.AtLeast(0), Importance.Medium,
            "How many times a failed write is retried (the batch is redelivered after retry.backoff.ms) before the task fails.", "Retries", 1, Width.Short, "Maximum Retries")
        .Define(RetryBackoffMsConfig, ConfigType.Int, 3000, Validators.AtLeast(0), Importance.Medium,
            "Milliseconds to wait before a failed write is retried.", "Retries", 2, Width.Short, "Retry Backoff (millis)");

    public JdbcSinkConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
        if (CrossKeyErrors(this).FirstOrDefault() is { Key: not null } error)
        {
            throw new ConfigException(error.Message) { Name = error.Key };
        }
    }

    public string InsertMode => GetString(InsertModeConfig)!.ToLowerInvariant();

    public string PkMode => GetString(PkModeConfig)!.ToLowerInvariant();

    public IReadOnlyList<string> PkFields => GetList(PkFieldsConfig);

    /// <summary>The errors that involve more than one key, each with the key it is reported on.</summary>
    public static IEnumerable<(string Key, string Message)> CrossKeyErrors(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var error in JdbcConnectionConfig.CrossKeyErrors(config))
        {
            yield return error;
        }

        var pkMode = config.GetString(PkModeConfig)!.ToLowerInvariant();
        var insertMode = config.GetString(InsertModeConfig)!.ToLowerInvariant();
        if (config.GetBoolean(DeleteEnabledConfig) && pkMode != PkModeRecordKey)
        {
            yield return (DeleteEnabledConfig, $"{DeleteEnabledConfig}=true: deletes are only supported for {PkModeConfig}={PkModeRecordKey}, not {pkMode}");
        }

        if (insertMode is InsertModeUpsert or InsertModeUpdate && pkMode == PkModeNone)
        {
            yield return (PkModeConfig, $"{InsertModeConfig}={insertMode} needs a primary key: set '{PkModeConfig}' to kafka, record_key or record_value");
        }

        if (pkMode == PkModeKafka && config.GetList(PkFieldsConfig).Count is not (0 or 3))
        {
            yield return (PkFieldsConfig, $"With {PkModeConfig}={PkModeKafka}, '{PkFieldsConfig}' must name exactly three columns (topic, partition, offset) or be empty");
        }
    }
}
