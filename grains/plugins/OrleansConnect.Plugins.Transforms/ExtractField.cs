using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Replaces the key/value with one of its fields, as Kafka's <c>ExtractField</c>: the field's schema and value of a
/// Struct, or the entry of a schemaless map (null when absent). A null key/value stays null (with the field's schema).
/// With <c>field.syntax.version=V2</c> (Kafka 3.8+) <c>field</c> is a nested path (<c>a.b</c>, <c>`a.b`.c</c>; see
/// <see cref="FieldPath"/>); a missing or null step on the way gives null.
/// </summary>
public abstract class ExtractField : KeyOrValueTransformation
{
    public const string FieldConfig = "field";

    private const string Purpose = "field extraction";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefaultValue, Importance.Medium, "Field name to extract.")
        .WithReplaceNullWithDefault()
        .WithNestedFieldSyntaxVersion();

    private FieldPath? _field;
    private bool _replaceNullWithDefault = true;

    private protected ExtractField(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _field = FieldPath.Parse(FieldConfig, config.GetString(FieldConfig)!, TransformConfig.IsFieldSyntaxV2(config));
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = _field ?? throw new InvalidOperationException("ExtractField is not configured");
        var schema = OperatingSchema(record);
        if (schema is null)
        {
            var map = Requirements.RequireMapOrNull(OperatingValue(record), Purpose);
            return NewRecord(record, null, map is null ? null : path.ValueFrom(map));
        }

        var value = Requirements.RequireStructOrNull(OperatingValue(record), Purpose);
        var field = path.FieldFrom(schema) ?? throw new DataException("Unknown field: " + path.Text);
        return NewRecord(record, field.Schema, value is null ? null : path.ValueFrom(value, _replaceNullWithDefault));
    }

    /// <summary>Extracts from the record key (<c>org.apache.kafka.connect.transforms.ExtractField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Key")]
    public sealed class Key() : ExtractField(RecordPart.Key);

    /// <summary>Extracts from the record value (<c>org.apache.kafka.connect.transforms.ExtractField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Value")]
    public sealed class Value() : ExtractField(RecordPart.Value);
}
