using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Storage;
using ConnectDate = OrleansConnect.Plugins.Data.Date;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;
using ConnectTime = OrleansConnect.Plugins.Data.Time;
using ConnectTimestamp = OrleansConnect.Plugins.Data.Timestamp;

namespace OrleansConnect.Plugins.Converters;

/// <summary>
/// Converts Connect data to and from JSON, wire-compatible with Kafka's <c>JsonConverter</c>. With
/// <c>schemas.enable=true</c> every message is an envelope <c>{"schema":{..},"payload":..}</c> whose schema JSON is
/// byte-identical to Kafka's; with <c>schemas.enable=false</c> it is the plain value, read back schemaless (integers as
/// <see cref="long"/>, other numbers as <see cref="double"/>, objects as <see cref="Dictionary{TKey, TValue}"/> of string
/// to value, arrays as <see cref="List{T}"/>). Usable as a header converter too. One instance serves one task side and
/// is not thread-safe (its schema caches are unsynchronized).
/// </summary>
[PluginAlias("org.apache.kafka.connect.json.JsonConverter")]
public sealed class JsonConverter : IConverter, IHeaderConverter
{
    /// <summary>Whether messages carry their schema in an envelope (Kafka's <c>schemas.enable</c>).</summary>
    public const string SchemasEnableConfig = "schemas.enable";

    /// <summary>How many schemas each direction caches (Kafka's <c>schemas.cache.size</c>).</summary>
    public const string SchemasCacheSizeConfig = "schemas.cache.size";

    /// <summary>How Decimal values are written: <c>BASE64</c> or <c>NUMERIC</c> (Kafka's <c>decimal.format</c>).</summary>
    public const string DecimalFormatConfig = "decimal.format";

    /// <summary>Whether a null with a schema default becomes the default (Kafka's <c>replace.null.with.default</c>).</summary>
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    /// <summary>The <c>decimal.format</c> value that writes the unscaled two's complement bytes in base64 (the default).</summary>
    public const string DecimalFormatBase64 = "BASE64";

    /// <summary>The <c>decimal.format</c> value that writes decimals as JSON numbers.</summary>
    public const string DecimalFormatNumeric = "NUMERIC";

    private const string EnvelopeError =
        "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields."
        + " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.";

    private static readonly ConfigDef Definition = ConverterConfig.NewConfigDef()
        .Define(SchemasEnableConfig, ConfigType.Boolean, true, null, Importance.High,
            "Include schemas within each of the serialized values and keys.", "Schemas", 0, Width.Medium, "Enable Schemas")
        .Define(SchemasCacheSizeConfig, ConfigType.Int, 1000, Validators.AtLeast(0), Importance.High,
            "The maximum number of schemas that can be cached in this converter instance.", "Schemas", 1, Width.Medium, "Schema Cache Size")
        .Define(DecimalFormatConfig, ConfigType.String, DecimalFormatBase64, Validators.CaseInsensitiveValidString(DecimalFormatBase64, DecimalFormatNumeric), Importance.Low,
            "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
            "Serialization", 0, Width.Medium, "Decimal Format")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.",
            "Serialization", 1, Width.Medium, "Replace null with default");

    // Jackson escapes only quotes, backslashes and control characters and writes everything else as raw UTF-8.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Jackson's default nesting limit (StreamReadConstraints) is 1000.
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 1000 };

    private bool _schemasEnabled = true;
    private bool _decimalNumeric;
    private bool _replaceNullWithDefault = true;
    private LruCache<Schema, byte[]> _fromConnectSchemaCache = new(1000);
    private LruCache<string, Schema> _toConnectSchemaCache = new(1000);

    /// <summary>The converter's keys: <c>schemas.enable</c>, <c>schemas.cache.size</c>, <c>decimal.format</c>, <c>replace.null.with.default</c> and <c>converter.type</c>.</summary>
    public ConfigDef Config => Definition;

    /// <summary>Reads the settings; an unconfigured instance uses the defaults.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    /// <param name="isKey">Unused; keys and values are converted alike.</param>
    /// <exception cref="ConfigException">A setting is invalid.</exception>
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
        var config = new AbstractConfig(Definition, configs);
        _schemasEnabled = config.GetBoolean(SchemasEnableConfig);
        _decimalNumeric = string.Equals(config.GetString(DecimalFormatConfig), DecimalFormatNumeric, StringComparison.OrdinalIgnoreCase);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
        var cacheSize = config.GetInt(SchemasCacheSizeConfig);
        _fromConnectSchemaCache = new(cacheSize);
        _toConnectSchemaCache = new(cacheSize);
    }

    /// <summary>Reads the settings as a header converter.</summary>
    /// <param name="configs">The settings, prefix stripped.</param>
    public void Configure(IReadOnlyDictionary<string, string> configs) => Configure(configs, isKey: false);

    /// <summary>Writes a value as JSON, in an envelope when schemas are enabled.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="schema">The value's schema, or null for schemaless data.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>Compact UTF-8 JSON; null when both schema and value are null (a tombstone).</returns>
    /// <exception cref="DataException">The value does not match the schema, a required value is null, or a schemaless
    /// value has no Connect type (including a <see cref="Struct"/>, which needs its schema, as in Kafka).</exception>
    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is null && value is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (_schemasEnabled)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("schema");
                if (schema is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteRawValue(SchemaJson(schema), skipInputValidation: true);
                }

                writer.WritePropertyName("payload");
                WriteValue(writer, schema, value);
                writer.WriteEndObject();
            }
            else
            {
                WriteValue(writer, schema, value);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads JSON, expecting an envelope when schemas are enabled.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headers">Unused.</param>
    /// <param name="value">UTF-8 JSON, or null.</param>
    /// <returns>The schema and value; <see cref="SchemaAndValue.Null"/> for null bytes.</returns>
    /// <exception cref="DataException">The bytes are not JSON, the envelope is missing or has other fields while
    /// schemas are enabled, or the payload does not match the schema.</exception>
    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        if (value.Length == 0)
        {
            // Jackson reads no content as a missing node: schemaless that is null, with schemas it is not an envelope.
            return _schemasEnabled ? throw new DataException(EnvelopeError) : SchemaAndValue.Null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, ReaderOptions);
        }
        catch (JsonException e)
        {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!_schemasEnabled)
            {
                return new SchemaAndValue(null, ToConnect(null, root));
            }

            if (root.ValueKind != JsonValueKind.Object
                || root.EnumerateObject().Count() != 2
                || !root.TryGetProperty("schema", out var schemaJson)
                || !root.TryGetProperty("payload", out var payload))
            {
                throw new DataException(EnvelopeError);
            }

            var schema = AsConnectSchema(schemaJson);
            return new SchemaAndValue(schema, ToConnect(schema, payload));
        }
    }

    /// <summary>Writes a header value, as <see cref="FromConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="schema">The value's schema, or null.</param>
    /// <param name="value">The value, or null.</param>
    /// <returns>The JSON bytes, or null.</returns>
    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) => FromConnectData(topic, null, schema, value);

    /// <summary>Reads a header value, as <see cref="ToConnectData"/>.</summary>
    /// <param name="topic">Unused.</param>
    /// <param name="headerKey">Unused.</param>
    /// <param name="value">The JSON bytes, or null.</param>
    /// <returns>The schema and value.</returns>
    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    private static string TypeName(SchemaType type) => type switch
    {
        SchemaType.Float32 => "float",
        SchemaType.Float64 => "double",
        _ => type.GetName(),
    };

    private static SchemaBuilder BuilderFor(string typeName, JsonElement json, Func<JsonElement, Schema> nested) => typeName switch
    {
        "boolean" => SchemaBuilder.Boolean(),
        "int8" => SchemaBuilder.Int8(),
        "int16" => SchemaBuilder.Int16(),
        "int32" => SchemaBuilder.Int32(),
        "int64" => SchemaBuilder.Int64(),
        "float" => SchemaBuilder.Float32(),
        "double" => SchemaBuilder.Float64(),
        "bytes" => SchemaBuilder.Bytes(),
        "string" => SchemaBuilder.String(),
        "array" => json.TryGetProperty("items", out var items) && items.ValueKind != JsonValueKind.Null
            ? SchemaBuilder.Array(nested(items))
            : throw new DataException("Array schema did not specify the element type"),
        "map" => SchemaBuilder.Map(
            json.TryGetProperty("keys", out var keys) && keys.ValueKind != JsonValueKind.Null ? nested(keys) : throw new DataException("Map schema did not specify the key type"),
            json.TryGetProperty("values", out var values) && values.ValueKind != JsonValueKind.Null ? nested(values) : throw new DataException("Map schema did not specify the value type")),
        "struct" => StructBuilder(json, nested),
        _ => throw new DataException("Unknown schema type: " + typeName),
    };

    private static SchemaBuilder StructBuilder(JsonElement json, Func<JsonElement, Schema> nested)
    {
        if (!json.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }

        var builder = SchemaBuilder.Struct();
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("field", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new DataException("Struct schema's field name not specified properly");
            }

            builder.Field(name.GetString()!, nested(field));
        }

        return builder;
    }

    private static DataException InvalidType(Schema? schema, object value) =>
        new($"Invalid type for {(schema is null ? "unknown schema" : schema.Type.GetName().ToUpperInvariant())}: {value.GetType()}");

    private static SchemaType? SchemalessType(object value) => value switch
    {
        sbyte => SchemaType.Int8,
        short => SchemaType.Int16,
        int => SchemaType.Int32,
        long => SchemaType.Int64,
        float => SchemaType.Float32,
        double => SchemaType.Float64,
        bool => SchemaType.Boolean,
        string => SchemaType.String,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> or ArraySegment<byte> => SchemaType.Bytes,
        Struct => SchemaType.Struct,
        IDictionary => SchemaType.Map,
        IList => SchemaType.Array,
        _ => null,
    };

    private byte[] SchemaJson(Schema schema)
    {
        if (_fromConnectSchemaCache.TryGet(schema, out var cached))
        {
            return cached;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteSchema(writer, schema, null);
        }

        var json = buffer.WrittenSpan.ToArray();
        _fromConnectSchemaCache.Put(schema, json);
        return json;
    }

    // Attribute order is Kafka's asJsonSchema: type; items | keys, values | fields; optional; name; version; doc;
    // parameters; default; and for a struct field its name last, so that the bytes match Kafka's.
    private void WriteSchema(Utf8JsonWriter writer, Schema schema, string? fieldName)
    {
        writer.WriteStartObject();
        writer.WriteString("type", TypeName(schema.Type));
        switch (schema.Type)
        {
            case SchemaType.Array:
                writer.WritePropertyName("items");
                WriteSchema(writer, schema.ValueSchema!, null);
                break;
            case SchemaType.Map:
                writer.WritePropertyName("keys");
                WriteSchema(writer, schema.KeySchema!, null);
                writer.WritePropertyName("values");
                WriteSchema(writer, schema.ValueSchema!, null);
                break;
            case SchemaType.Struct:
                writer.WriteStartArray("fields");
                foreach (var field in schema.Fields)
                {
                    WriteSchema(writer, field.Schema, field.Name);
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteBoolean("optional", schema.IsOptional);
        if (schema.Name is not null)
        {
            writer.WriteString("name", schema.Name);
        }

        if (schema.Version is { } version)
        {
            writer.WriteNumber("version", version);
        }

        if (schema.Doc is not null)
        {
            writer.WriteString("doc", schema.Doc);
        }

        // Kafka's schemas have null parameters until one is set, and write the attribute only then.
        if (schema.Parameters.Count > 0)
        {
            writer.WriteStartObject("parameters");
            foreach (var parameter in schema.Parameters)
            {
                writer.WriteString(parameter.Key, parameter.Value);
            }

            writer.WriteEndObject();
        }

        if (schema.DefaultValue is not null)
        {
            writer.WritePropertyName("default");
            WriteValue(writer, schema, schema.DefaultValue);
        }

        if (fieldName is not null)
        {
            writer.WriteString("field", fieldName);
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, Schema? schema, object? value)
    {
        if (value is null)
        {
            if (schema is null || (schema.DefaultValue is null && schema.IsOptional))
            {
                writer.WriteNullValue();
                return;
            }

            if (schema.DefaultValue is not null && _replaceNullWithDefault)
            {
                WriteValue(writer, schema, schema.DefaultValue);
                return;
            }

            if (schema.IsOptional)
            {
                writer.WriteNullValue();
                return;
            }

            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }

        if (schema?.Name is { } logicalName && WriteLogical(writer, schema, logicalName, value))
        {
            return;
        }

        var type = schema?.Type ?? SchemalessType(value)
            ?? throw new DataException($"Java class {value.GetType()} does not have corresponding schema type.");
        switch (type)
        {
            case SchemaType.Int8 when value is sbyte v:
                writer.WriteNumberValue(v);
                break;
            case SchemaType.Int16 when value is short v:
                writer.WriteNumberValue(v);
                break;
            case SchemaType.Int32 when value is int v:
                writer.WriteNumberValue(v);
                break;
            case SchemaType.Int64 when value is long v:
                writer.WriteNumberValue(v);
                break;
            // ConvertToString returns null only for null; Java's Double.toString spelling (1.0, 1.0E20) is Jackson's.
            case SchemaType.Float32 when value is float v:
                WriteFloatingPoint(writer, Values.ConvertToString(v)!, float.IsFinite(v));
                break;
            case SchemaType.Float64 when value is double v:
                WriteFloatingPoint(writer, Values.ConvertToString(v)!, double.IsFinite(v));
                break;
            case SchemaType.Boolean when value is bool v:
                writer.WriteBooleanValue(v);
                break;
            case SchemaType.String when value is string v:
                writer.WriteStringValue(v);
                break;
            case SchemaType.Bytes when value is byte[] v:
                writer.WriteBase64StringValue(v);
                break;
            case SchemaType.Bytes when value is ReadOnlyMemory<byte> v:
                writer.WriteBase64StringValue(v.Span);
                break;
            case SchemaType.Bytes when value is Memory<byte> v:
                writer.WriteBase64StringValue(v.Span);
                break;
            case SchemaType.Bytes when value is ArraySegment<byte> v:
                writer.WriteBase64StringValue(v);
                break;
            case SchemaType.Array when value is IList v and not byte[]:
                writer.WriteStartArray();
                foreach (var element in v)
                {
                    WriteValue(writer, schema?.ValueSchema, element);
                }

                writer.WriteEndArray();
                break;
            case SchemaType.Map when value is IDictionary v:
                WriteMap(writer, schema, v);
                break;
            case SchemaType.Struct:
                if (value is not Struct s || !s.Schema.Equals(schema))
                {
                    throw new DataException("Mismatching schema.");
                }

                writer.WriteStartObject();
                foreach (var field in schema.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteValue(writer, field.Schema, _replaceNullWithDefault ? s.Get(field) : s.GetWithoutDefault(field.Name));
                }

                writer.WriteEndObject();
                break;
            default:
                throw InvalidType(schema, value);
        }
    }

    // Jackson writes doubles with Double.toString and quotes the non-finite ones ("NaN", "Infinity").
    private static void WriteFloatingPoint(Utf8JsonWriter writer, string text, bool finite)
    {
        if (finite)
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    private void WriteMap(Utf8JsonWriter writer, Schema? schema, IDictionary map)
    {
        var objectMode = schema is not null
            ? schema.KeySchema!.Type == SchemaType.String
            : map.Keys.Cast<object>().All(k => k is string);
        if (objectMode)
        {
            writer.WriteStartObject();
            foreach (DictionaryEntry entry in map)
            {
                writer.WritePropertyName(entry.Key as string ?? throw InvalidType(schema?.KeySchema, entry.Key));
                WriteValue(writer, schema?.ValueSchema, entry.Value);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        foreach (DictionaryEntry entry in map)
        {
            writer.WriteStartArray();
            WriteValue(writer, schema?.KeySchema, entry.Key);
            WriteValue(writer, schema?.ValueSchema, entry.Value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private bool WriteLogical(Utf8JsonWriter writer, Schema schema, string logicalName, object value)
    {
        switch (logicalName)
        {
            case ConnectDecimal.LogicalName:
                if (value is not BigDecimal d)
                {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.GetType());
                }

                // Jackson writes a BigDecimal number with its toString: its own scale (1.50 stays 1.50), scientific
                // notation for a negative scale or an adjusted exponent below -6 (1E+3, 1E-7, 0E-10).
                if (_decimalNumeric)
                {
                    writer.WriteRawValue(d.ToString(), skipInputValidation: true);
                }
                else
                {
                    writer.WriteBase64StringValue(ConnectDecimal.FromLogical(schema, d));
                }

                return true;
            case ConnectDate.LogicalName:
                writer.WriteNumberValue(ConnectDate.FromLogical(schema, value));
                return true;
            case ConnectTime.LogicalName:
                writer.WriteNumberValue(ConnectTime.FromLogical(schema, value));
                return true;
            case ConnectTimestamp.LogicalName:
                writer.WriteNumberValue(ConnectTimestamp.FromLogical(schema, value));
                return true;
            default:
                return false;
        }
    }

    private Schema? AsConnectSchema(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DataException("Schema must contain 'type' field");
        }

        var raw = json.GetRawText();
        if (_toConnectSchemaCache.TryGet(raw, out var cached))
        {
            return cached;
        }

        var schema = BuildSchema(json);
        _toConnectSchemaCache.Put(raw, schema);
        return schema;
    }

    private Schema BuildSchema(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new DataException("Schema must contain 'type' field");
        }

        var builder = BuilderFor(type.GetString()!, json, BuildSchema);
        if (json.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True)
        {
            builder.Optional();
        }
        else
        {
            builder.Required();
        }

        if (json.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            builder.Name(name.GetString());
        }

        if (json.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v))
        {
            builder.Version(v);
        }

        if (json.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.String)
        {
            builder.Doc(doc.GetString());
        }

        if (json.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                if (parameter.Value.ValueKind != JsonValueKind.String)
                {
                    throw new DataException("Schema parameters must have string values.");
                }

                builder.Parameter(parameter.Name, parameter.Value.GetString()!);
            }
        }

        var schema = builder.Build();
        if (json.TryGetProperty("default", out var defaultJson) && ToConnect(schema, defaultJson) is { } defaultValue)
        {
            schema = SchemaBuilder.From(schema).DefaultValue(defaultValue).Build();
        }

        return schema;
    }

    private object? ToConnect(Schema? schema, JsonElement? json)
    {
        if (schema is null)
        {
            return json is { } element ? ToConnectSchemaless(element) : null;
        }

        if (json is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            if (schema.DefaultValue is not null && _replaceNullWithDefault)
            {
                return schema.DefaultValue;
            }

            return schema.IsOptional ? null : throw new DataException($"Invalid null value for required {schema.Type.GetName().ToUpperInvariant()} field");
        }

        if (schema.Name is { } logicalName && ToConnectLogical(schema, logicalName, value, out var logical))
        {
            return logical;
        }

        return schema.Type switch
        {
            SchemaType.Boolean => value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Mismatch(schema, value),
            },
            SchemaType.Int8 => value.ValueKind == JsonValueKind.Number && value.TryGetSByte(out var i8) ? i8 : throw Mismatch(schema, value),
            SchemaType.Int16 => value.ValueKind == JsonValueKind.Number && value.TryGetInt16(out var i16) ? i16 : throw Mismatch(schema, value),
            SchemaType.Int32 => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i32) ? i32 : throw Mismatch(schema, value),
            SchemaType.Int64 => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var i64) ? i64 : throw Mismatch(schema, value),
            SchemaType.Float32 => value.ValueKind == JsonValueKind.Number ? value.GetSingle() : (float)ReadFloatingPoint(schema, value),
            SchemaType.Float64 => ReadFloatingPoint(schema, value),
            SchemaType.String => value.ValueKind == JsonValueKind.String ? value.GetString() : throw Mismatch(schema, value),
            SchemaType.Bytes => value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes)
                ? bytes
                : throw new DataException("Invalid bytes field"),
            SchemaType.Array => value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(e => ToConnect(schema.ValueSchema, e)).ToList()
                : throw Mismatch(schema, value),
            SchemaType.Map => ToConnectMap(schema, value),
            SchemaType.Struct => ToConnectStruct(schema, value),
            _ => throw new DataException("Unknown schema type: " + schema.Type),
        };
    }

    private static DataException Mismatch(Schema schema, JsonElement value) =>
        new($"Invalid JSON {value.ValueKind} for schema type {schema.Type.GetName().ToUpperInvariant()}: {value.GetRawText()}");

    // Non-finite doubles arrive as the strings Jackson writes for them.
    private static double ReadFloatingPoint(Schema schema, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
        JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
        _ => throw Mismatch(schema, value),
    };

    private Dictionary<string, object?> ToConnectObject(Schema? valueSchema, JsonElement value)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            result[property.Name] = ToConnect(valueSchema, property.Value);
        }

        return result;
    }

    private IDictionary ToConnectMap(Schema schema, JsonElement value)
    {
        if (schema.KeySchema!.Type == SchemaType.String)
        {
            return value.ValueKind == JsonValueKind.Object
                ? ToConnectObject(schema.ValueSchema, value)
                : throw new DataException("Maps with string fields should be encoded as JSON objects, but found " + value.ValueKind);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Maps with non-string fields should be encoded as JSON array of tuples, but found " + value.ValueKind);
        }

        var result = new Dictionary<object, object?>();
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array)
            {
                throw new DataException("Found invalid map entry instead of array tuple: " + entry.ValueKind);
            }

            if (entry.GetArrayLength() != 2)
            {
                throw new DataException("Found invalid map entry, expected length 2 but found :" + entry.GetArrayLength());
            }

            var key = ToConnect(schema.KeySchema, entry[0]) ?? throw new DataException("Map keys may not be null in .NET dictionaries");
            result[key] = ToConnect(schema.ValueSchema, entry[1]);
        }

        return result;
    }

    private Struct ToConnectStruct(Schema schema, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new DataException("Structs should be encoded as JSON objects, but found " + value.ValueKind);
        }

        var result = new Struct(schema);
        foreach (var field in schema.Fields)
        {
            object? converted;
            try
            {
                converted = ToConnect(field.Schema, value.TryGetProperty(field.Name, out var fieldJson) ? fieldJson : null);
            }
            catch (DataException e)
            {
                // Name the field, so a record that fails (or lands in the dead letter queue) says where; nested
                // structs prefix their own names.
                throw new DataException($"Field '{field.Name}': {e.Message}", e);
            }

            result.Put(field, converted);
        }

        return result;
    }

    private object? ToConnectSchemaless(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => IsIntegral(value)
            ? value.TryGetInt64(out var l) ? (object)l : throw new DataException("Integer out of the INT64 range: " + value.GetRawText())
            : value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(ToConnectSchemaless).ToList(),
        JsonValueKind.Object => ToConnectObject(null, value),
        _ => throw new DataException("Unknown schema type: " + value.ValueKind),
    };

    // Jackson reads a number as integral only when it has neither a fraction nor an exponent.
    private static bool IsIntegral(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static bool ToConnectLogical(Schema schema, string logicalName, JsonElement value, out object? result)
    {
        switch (logicalName)
        {
            case ConnectDecimal.LogicalName:
                if (value.ValueKind == JsonValueKind.Number)
                {
                    // Jackson's exact decimals keep the number's own scale (12.340 is scale 3, 1E+3 scale -3).
                    result = BigDecimal.Parse(value.GetRawText());
                    return true;
                }

                if (value.ValueKind != JsonValueKind.String)
                {
                    throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was " + value.ValueKind);
                }

                try
                {
                    result = ConnectDecimal.ToLogical(schema, value.GetBytesFromBase64());
                }
                catch (Exception e) when (e is FormatException or DataException)
                {
                    throw new DataException("Invalid bytes for Decimal field", e);
                }

                return true;
            case ConnectDate.LogicalName:
                result = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days)
                    ? ConnectDate.ToLogical(schema, days)
                    : throw new DataException("Invalid type for Date, underlying representation should be integer but was " + value.ValueKind);
                return true;
            case ConnectTime.LogicalName:
                result = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var millisOfDay)
                    ? ConnectTime.ToLogical(schema, millisOfDay)
                    : throw new DataException("Invalid type for Time, underlying representation should be integer but was " + value.ValueKind);
                return true;
            case ConnectTimestamp.LogicalName:
                result = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var millis)
                    ? ConnectTimestamp.ToLogical(schema, millis)
                    : throw new DataException("Invalid type for Timestamp, underlying representation should be integral but was " + value.ValueKind);
                return true;
            default:
                result = null;
                return false;
        }
    }
}
