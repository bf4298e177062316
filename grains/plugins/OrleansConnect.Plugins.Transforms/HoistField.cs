using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Wraps the key/value in a Struct with one field (when it has a schema) or in a one-entry map (schemaless), as
/// Kafka's <c>HoistField</c>.
/// </summary>
public abstract class HoistField : KeyOrValueTransformation
{
    public const string FieldConfig = "field";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.Medium, "Field name for the single field that will be created in the resulting Struct or Map.");

    private readonly SchemaCache _schemaCache = new();
    private string _fieldName = string.Empty;

    private protected HoistField(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs) =>
        _fieldName = new AbstractConfig(Definition, configs).GetString(FieldConfig)!;

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
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

    /// <summary>Hoists the record key (<c>org.apache.kafka.connect.transforms.HoistField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Key")]
    public sealed class Key() : HoistField(RecordPart.Key);

    /// <summary>Hoists the record value (<c>org.apache.kafka.connect.transforms.HoistField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Value")]
    public sealed class Value() : HoistField(RecordPart.Value);
}
