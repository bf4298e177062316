using System.Collections;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Flattens nested Structs (with a schema) or nested maps (schemaless) into one level, joining field names with
/// <c>delimiter</c>, as Kafka's <c>Flatten</c>. Arrays and, unlike Kafka, maps in a struct are kept as they are. A
/// field inside an optional struct becomes optional; defaults of enclosing structs are carried down. A null key/value
/// stays null, with the flattened schema when it has one.
/// </summary>
public abstract class Flatten : KeyOrValueTransformation
{
    public const string DelimiterConfig = "delimiter";

    private const string Purpose = "flattening";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(DelimiterConfig, ConfigType.String, ".", Importance.Medium, "Delimiter to insert between field names from the input record when generating field names for the output record");

    private readonly SchemaCache _schemaCache = new();
    private string _delimiter = ".";

    private protected Flatten(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs) =>
        _delimiter = new AbstractConfig(Definition, configs).GetString(DelimiterConfig)!;

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = OperatingSchema(record);
        if (OperatingValue(record) is null)
        {
            // As Kafka: a null with a struct schema gets the flattened schema.
            return schema is { Type: SchemaType.Struct } ? NewRecord(record, _schemaCache.GetOrAdd(schema, MakeUpdatedSchema), null) : record;
        }

        if (schema is null)
        {
            var flat = new Dictionary<string, object?>(StringComparer.Ordinal);
            FlattenMap(Requirements.RequireMap(OperatingValue(record), Purpose), string.Empty, flat);
            return NewRecord(record, null, flat);
        }

        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updatedSchema = _schemaCache.GetOrAdd(value.Schema, MakeUpdatedSchema);
        var updated = new Struct(updatedSchema);
        FlattenStruct(value, string.Empty, updated);
        return NewRecord(record, updatedSchema, updated);
    }

    private string FieldName(string prefix, string name) => prefix.Length == 0 ? name : prefix + _delimiter + name;

    private void FlattenMap(IDictionary map, string prefix, Dictionary<string, object?> flat)
    {
        foreach (DictionaryEntry e in map)
        {
            var name = FieldName(prefix, e.Key as string ?? e.Key.ToString() ?? string.Empty);
            switch (e.Value)
            {
                case null:
                    flat[name] = null;
                    break;
                case IDictionary nested:
                    FlattenMap(nested, name, flat);
                    break;
                case sbyte or short or int or long or float or double or bool or string or byte[] or BigDecimal
                    or DateOnly or TimeOnly or DateTimeOffset or DateTime or IList:
                    flat[name] = e.Value;
                    break;
                default:
                    throw new DataException($"Flatten transformation does not support {e.Value.GetType()} for record without schemas (for field {name}).");
            }
        }
    }

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        AddFlattenedFields(schema, string.Empty, builder, schema.IsOptional, schema.DefaultValue as Struct);
        return builder.Build();
    }

    private void AddFlattenedFields(Schema schema, string prefix, SchemaBuilder builder, bool optional, Struct? parentDefault)
    {
        foreach (var field in schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            var fieldDefault = field.Schema.DefaultValue ?? parentDefault?.Get(field);
            if (field.Schema.Type == SchemaType.Struct)
            {
                AddFlattenedFields(field.Schema, name, builder, optional || field.Schema.IsOptional, fieldDefault as Struct);
                continue;
            }

            var converted = SchemaBuilder.From(field.Schema);
            if (optional)
            {
                converted.Optional();
            }

            if (fieldDefault is not null)
            {
                converted.DefaultValue(fieldDefault);
            }

            builder.Field(name, converted.Build());
        }
    }

    private void FlattenStruct(Struct? value, string prefix, Struct flat)
    {
        if (value is null)
        {
            return;
        }

        foreach (var field in value.Schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            if (field.Schema.Type == SchemaType.Struct)
            {
                FlattenStruct(value.Get(field) as Struct, name, flat);
            }
            else
            {
                flat.Put(name, value.Get(field));
            }
        }
    }

    /// <summary>Flattens the record key (<c>org.apache.kafka.connect.transforms.Flatten$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Flatten$Key")]
    public sealed class Key() : Flatten(RecordPart.Key);

    /// <summary>Flattens the record value (<c>org.apache.kafka.connect.transforms.Flatten$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Flatten$Value")]
    public sealed class Value() : Flatten(RecordPart.Value);
}
