using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Sets the name and/or version of the key/value schema, as Kafka's <c>SetSchemaMetadata</c>. A Struct is rebuilt
/// against the renamed schema. At least one of <c>schema.name</c> and <c>schema.version</c> must be set. A record
/// without a schema fails, except a schemaless null key/value (a tombstone), which passes unchanged as in Kafka.
/// </summary>
public abstract class SetSchemaMetadata : KeyOrValueTransformation
{
    public const string SchemaNameConfig = "schema.name";
    public const string SchemaVersionConfig = "schema.version";

    private const string Purpose = "updating schema metadata";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(SchemaNameConfig, ConfigType.String, null, Importance.High, "Schema name to set.")
        .Define(SchemaVersionConfig, ConfigType.Int, null, Importance.High, "Schema version to set.")
        .WithReplaceNullWithDefault();

    private string? _schemaName;
    private int? _schemaVersion;
    private bool _replaceNullWithDefault = true;

    private protected SetSchemaMetadata(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _schemaName = config.GetString(SchemaNameConfig);
        _schemaVersion = (int?)config.Get(SchemaVersionConfig);
        if (_schemaName is null && _schemaVersion is null)
        {
            throw new ConfigException("Neither schema name nor version configured");
        }
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (OperatingSchema(record) is null && OperatingValue(record) is null)
        {
            return record;
        }

        var schema = OperatingSchema(record) ?? throw new Errors.DataException($"Schema required for [{Purpose}]");
        var isArray = schema.Type == SchemaType.Array;
        var isMap = schema.Type == SchemaType.Map;
        var builder = schema.Type switch
        {
            SchemaType.Array => SchemaBuilder.Array(schema.ValueSchema!),
            SchemaType.Map => SchemaBuilder.Map(schema.KeySchema!, schema.ValueSchema!),
            _ => SchemaBuilder.OfType(schema.Type),
        };
        builder.Name(_schemaName ?? schema.Name).Version(_schemaVersion ?? schema.Version).Doc(schema.Doc).Parameters(schema.Parameters);
        if (!isArray && !isMap)
        {
            foreach (var field in schema.Fields)
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.Type != SchemaType.Struct && schema.DefaultValue is not null)
        {
            builder.DefaultValue(schema.DefaultValue);
        }

        var updatedSchema = builder.Build();
        return NewRecord(record, updatedSchema, UpdateSchemaIn(OperatingValue(record), updatedSchema));
    }

    private object? UpdateSchemaIn(object? value, Schema updatedSchema)
    {
        if (value is not Struct original)
        {
            return value;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in original.Schema.Fields)
        {
            updated.Put(field.Name, TransformConfig.FieldValue(original, field, _replaceNullWithDefault));
        }

        return updated;
    }

    /// <summary>Updates the key schema (<c>org.apache.kafka.connect.transforms.SetSchemaMetadata$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Key")]
    public sealed class Key() : SetSchemaMetadata(RecordPart.Key);

    /// <summary>Updates the value schema (<c>org.apache.kafka.connect.transforms.SetSchemaMetadata$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value")]
    public sealed class Value() : SetSchemaMetadata(RecordPart.Value);
}
