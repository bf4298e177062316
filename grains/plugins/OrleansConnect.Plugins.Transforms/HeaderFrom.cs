using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Copies or moves fields of a Struct or schemaless map key/value into headers, as Kafka's <c>HeaderFrom</c>: the
/// i-th field of <c>fields</c> becomes a header named by the i-th entry of <c>headers</c>, with the field's schema.
/// <c>move</c> also removes the fields from the key/value; <c>copy</c> leaves it unchanged.
/// </summary>
public abstract class HeaderFrom : KeyOrValueTransformation
{
    public const string FieldsConfig = "fields";
    public const string HeadersConfig = "headers";
    public const string OperationConfig = "operation";
    public const string OperationMove = "move";
    public const string OperationCopy = "copy";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, TransformValidators.NonEmptyList(), Importance.High, "Field names in the record whose values are to be copied or moved to headers.")
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefaultValue, TransformValidators.NonEmptyList(), Importance.High, "Header names, in the same order as the field names listed in the fields configuration property.")
        .Define(OperationConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.ValidString(OperationMove, OperationCopy), Importance.High, "Either move if the fields are to be moved to the headers (removed from the key/value), or copy if the fields are to be copied to the headers (retained in the key/value).")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _moveSchemaCache = new();
    private IReadOnlyList<string> _fields = [];
    private IReadOnlyList<string> _headers = [];
    private bool _move;
    private bool _replaceNullWithDefault = true;

    private protected HeaderFrom(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _fields = config.GetList(FieldsConfig);
        _headers = config.GetList(HeadersConfig);
        if (_fields.Count != _headers.Count)
        {
            throw new ConfigException($"'{FieldsConfig}' config must have the same number of elements as '{HeadersConfig}' config.") { Name = FieldsConfig };
        }

        _move = config.GetString(OperationConfig) == OperationMove;
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return OperatingSchema(record) is null ? ApplySchemaless(record) : ApplyWithSchema(record);
    }

    private string Purpose => "header " + (_move ? OperationMove : OperationCopy);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var headers = record.Headers.Duplicate();
        var value = Requirements.RequireMap(OperatingValue(record), Purpose);
        var updated = _move ? Requirements.CopyMap(value) : null;
        for (var i = 0; i < _fields.Count; i++)
        {
            headers.Add(new Header(_headers[i], null, Requirements.Get(value, _fields[i])));
            updated?.Remove(_fields[i]);
        }

        return NewRecord(record, null, updated ?? OperatingValue(record), headers);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var headers = record.Headers.Duplicate();
        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updatedSchema = value.Schema;
        var updated = value;
        if (_move)
        {
            updatedSchema = _moveSchemaCache.GetOrAdd(value.Schema, MoveSchema);
            updated = new Struct(updatedSchema);
            foreach (var field in updatedSchema.Fields)
            {
                updated.Put(field, TransformConfig.FieldValue(value, value.Schema.Field(field.Name)!, _replaceNullWithDefault));
            }
        }

        for (var i = 0; i < _fields.Count; i++)
        {
            var field = value.Schema.Field(_fields[i]) ?? throw new Errors.DataException(_fields[i] + " is not a valid field name");
            headers.Add(_headers[i], TransformConfig.FieldValue(value, field, _replaceNullWithDefault), field.Schema);
        }

        return NewRecord(record, updatedSchema, updated, headers);
    }

    private Schema MoveSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields.Where(f => !_fields.Contains(f.Name)))
        {
            builder.Field(field.Name, field.Schema);
        }

        return builder.Build();
    }

    /// <summary>Takes the headers from the record key (<c>org.apache.kafka.connect.transforms.HeaderFrom$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Key")]
    public sealed class Key() : HeaderFrom(RecordPart.Key);

    /// <summary>Takes the headers from the record value (<c>org.apache.kafka.connect.transforms.HeaderFrom$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Value")]
    public sealed class Value() : HeaderFrom(RecordPart.Value);
}
