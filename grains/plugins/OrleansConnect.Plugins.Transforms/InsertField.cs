using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Adds record metadata (topic, partition, offset, timestamp) and a static string as fields of a Struct or schemaless
/// map key/value, as Kafka's <c>InsertField</c>. A null key/value passes through unchanged. A field name ending in
/// <c>!</c> makes the field required, <c>?</c> (the default) optional.
/// </summary>
public abstract class InsertField : KeyOrValueTransformation
{
    public const string TopicFieldConfig = "topic.field";
    public const string PartitionFieldConfig = "partition.field";
    public const string OffsetFieldConfig = "offset.field";
    public const string TimestampFieldConfig = "timestamp.field";
    public const string StaticFieldConfig = "static.field";
    public const string StaticValueConfig = "static.value";

    private const string Purpose = "field insertion";

    private static readonly Schema OptionalTimestamp = Timestamp.Builder().Optional().Build();

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(TopicFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for the topic. Suffix with ! to make it required, ? (the default) optional.")
        .Define(PartitionFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for the Kafka partition. Suffix with ! to make it required, ? (the default) optional.")
        .Define(OffsetFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for the Kafka offset; sink connectors only. Suffix with ! to make it required, ? (the default) optional.")
        .Define(TimestampFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for the record timestamp. Suffix with ! to make it required, ? (the default) optional.")
        .Define(StaticFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for the static value. Suffix with ! to make it required, ? (the default) optional.")
        .Define(StaticValueConfig, ConfigType.String, null, Importance.Medium, "The static string value, when static.field is set.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _schemaCache = new();
    private InsertionSpec? _topicField;
    private InsertionSpec? _partitionField;
    private InsertionSpec? _offsetField;
    private InsertionSpec? _timestampField;
    private InsertionSpec? _staticField;
    private string? _staticValue;
    private bool _replaceNullWithDefault = true;

    private protected InsertField(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _topicField = InsertionSpec.Parse(config.GetString(TopicFieldConfig));
        _partitionField = InsertionSpec.Parse(config.GetString(PartitionFieldConfig));
        _offsetField = InsertionSpec.Parse(config.GetString(OffsetFieldConfig));
        _timestampField = InsertionSpec.Parse(config.GetString(TimestampFieldConfig));
        _staticField = InsertionSpec.Parse(config.GetString(StaticFieldConfig));
        _staticValue = config.GetString(StaticValueConfig);
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
        if (_topicField is null && _partitionField is null && _offsetField is null && _timestampField is null && _staticField is null)
        {
            throw new ConfigException("No field insertion configured");
        }

        if (_staticField is not null && _staticValue is null)
        {
            throw new ConfigException(StaticValueConfig, null, "No value specified for static field: " + _staticField.Name);
        }
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record) => ApplyUnlessNull(record, ApplySchemaless, ApplyWithSchema);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var updated = Requirements.CopyMap(Requirements.RequireMap(OperatingValue(record), Purpose));
        if (_topicField is not null)
        {
            updated[_topicField.Name] = record.Topic;
        }

        if (_partitionField is not null && record.KafkaPartition is { } partition)
        {
            updated[_partitionField.Name] = partition;
        }

        if (_offsetField is not null)
        {
            updated[_offsetField.Name] = Requirements.RequireSinkRecord(record, Purpose).KafkaOffset;
        }

        if (_timestampField is not null && record.Timestamp is { } timestamp)
        {
            updated[_timestampField.Name] = timestamp;
        }

        if (_staticField is not null)
        {
            updated[_staticField.Name] = _staticValue;
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updatedSchema = _schemaCache.GetOrAdd(value.Schema, MakeUpdatedSchema);
        var updated = new Struct(updatedSchema);
        foreach (var field in value.Schema.Fields)
        {
            updated.Put(field.Name, TransformConfig.FieldValue(value, field, _replaceNullWithDefault));
        }

        if (_topicField is not null)
        {
            updated.Put(_topicField.Name, record.Topic);
        }

        if (_partitionField is not null && record.KafkaPartition is { } partition)
        {
            updated.Put(_partitionField.Name, partition);
        }

        if (_offsetField is not null)
        {
            updated.Put(_offsetField.Name, Requirements.RequireSinkRecord(record, Purpose).KafkaOffset);
        }

        if (_timestampField is not null && record.Timestamp is { } timestamp)
        {
            updated.Put(_timestampField.Name, DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
        }

        if (_staticField is not null)
        {
            updated.Put(_staticField.Name, _staticValue);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        if (_topicField is not null)
        {
            builder.Field(_topicField.Name, _topicField.Optional ? Schema.OptionalString : Schema.String);
        }

        if (_partitionField is not null)
        {
            builder.Field(_partitionField.Name, _partitionField.Optional ? Schema.OptionalInt32 : Schema.Int32);
        }

        if (_offsetField is not null)
        {
            builder.Field(_offsetField.Name, _offsetField.Optional ? Schema.OptionalInt64 : Schema.Int64);
        }

        if (_timestampField is not null)
        {
            builder.Field(_timestampField.Name, _timestampField.Optional ? OptionalTimestamp : Timestamp.Schema);
        }

        if (_staticField is not null)
        {
            builder.Field(_staticField.Name, _staticField.Optional ? Schema.OptionalString : Schema.String);
        }

        return builder.Build();
    }

    /// <summary>Inserts into the record key (<c>org.apache.kafka.connect.transforms.InsertField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.InsertField$Key")]
    public sealed class Key() : InsertField(RecordPart.Key);

    /// <summary>Inserts into the record value (<c>org.apache.kafka.connect.transforms.InsertField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.InsertField$Value")]
    public sealed class Value() : InsertField(RecordPart.Value);

    private sealed record InsertionSpec(string Name, bool Optional)
    {
        public static InsertionSpec? Parse(string? spec) => spec switch
        {
            null => null,
            _ when spec.EndsWith('?') => new(spec[..^1], true),
            _ when spec.EndsWith('!') => new(spec[..^1], false),
            _ => new(spec, true),
        };
    }
}
