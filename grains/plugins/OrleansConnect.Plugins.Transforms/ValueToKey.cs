using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Replaces the record key with a Struct (or, schemaless, a map) made of some fields of the value, as Kafka's
/// <c>ValueToKey</c>. The value must be a Struct or a map, so a tombstone fails; pair it with a
/// <c>RecordIsTombstone</c> predicate and <c>negate=true</c> to let tombstones through.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.ValueToKey")]
public sealed class ValueToKey : ITransformation
{
    public const string FieldsConfig = "fields";

    private const string Purpose = "copying fields from value to key";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, TransformValidators.NonEmptyList(), Importance.High, "Field names on the record value to extract as the record key.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _schemaCache = new();
    private IReadOnlyList<string> _fields = [];
    private bool _replaceNullWithDefault = true;

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _fields = config.GetList(FieldsConfig);
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ValueSchema is null ? ApplySchemaless(record) : ApplyWithSchema(record);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var value = Requirements.RequireMap(record.Value, Purpose);
        var key = new Dictionary<string, object?>(_fields.Count, StringComparer.Ordinal);
        foreach (var field in _fields)
        {
            key[field] = Requirements.Get(value, field);
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, null, key, record.ValueSchema, record.Value, record.Timestamp);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var value = Requirements.RequireStruct(record.Value, Purpose);
        var keySchema = _schemaCache.GetOrAdd(value.Schema, MakeKeySchema);
        var key = new Struct(keySchema);
        foreach (var field in _fields)
        {
            key.Put(field, TransformConfig.FieldValue(value, value.Schema.Field(field)!, _replaceNullWithDefault));
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, keySchema, key, value.Schema, value, record.Timestamp);
    }

    private Schema MakeKeySchema(Schema valueSchema)
    {
        var builder = SchemaBuilder.Struct();
        foreach (var field in _fields)
        {
            var fromValue = valueSchema.Field(field) ?? throw new DataException("Field does not exist: " + field);
            builder.Field(field, fromValue.Schema);
        }

        return builder.Build();
    }
}
