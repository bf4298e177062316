using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Wraps the key/value in a Struct with one field (when it has a schema) or in a one-entry map (schemaless), as
/// Kafka's <c>HoistField</c>.
/// </summary>
public abstract class HoistField : ITransformation
{
    public const string FieldConfig = "field";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.Medium, "Field name for the single field that will be created in the resulting Struct or Map.");

    private readonly SchemaCache _schemaCache = new();
    private string _fieldName = string.Empty;

    private protected HoistField()
    {
    }

    /// <inheritdoc />
    public ConfigDef Config => Definition;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _fieldName = new AbstractConfig(Definition, configs).GetString(FieldConfig)!;

    /// <inheritdoc />
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = OperatingSchema(record);
        var value = OperatingValue(record);
        if (schema is null)
        {
            return NewRecord(record, null, new Dictionary<string, object?>(StringComparer.Ordinal) { [_fieldName] = value });
        }

        var updatedSchema = _schemaCache.GetOrAdd(schema, s => SchemaBuilder.Struct().Field(_fieldName, s).Build());
        return NewRecord(record, updatedSchema, new Struct(updatedSchema).Put(_fieldName, value));
    }

    /// <inheritdoc />
    public void Dispose() => GC.SuppressFinalize(this);

    private protected abstract Schema? OperatingSchema(ConnectRecord record);

    private protected abstract object? OperatingValue(ConnectRecord record);

    private protected abstract ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue);

    /// <summary>Hoists the record key (<c>org.apache.kafka.connect.transforms.HoistField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Key")]
    public sealed class Key : HoistField
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.KeySchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Key;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, updatedSchema, updatedValue, record.ValueSchema, record.Value, record.Timestamp);
    }

    /// <summary>Hoists the record value (<c>org.apache.kafka.connect.transforms.HoistField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Value")]
    public sealed class Value : HoistField
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.ValueSchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Value;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, updatedSchema, updatedValue, record.Timestamp);
    }
}
