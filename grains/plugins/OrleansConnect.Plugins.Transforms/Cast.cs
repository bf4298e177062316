using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Casts fields, or the whole key/value, to another primitive type, as Kafka's <c>Cast</c>. <c>spec</c> is either
/// <c>field:type,...</c> or one <c>type</c> for the whole key/value. Outputs: int8, int16, int32, int64, float32,
/// float64, boolean, string. Inputs: those plus bytes (to string only, as base64) and the Date, Time, Timestamp and
/// Decimal logical types (to a number as their int/long encoding, to a string in ISO 8601). A null key/value passes
/// through unchanged.
/// </summary>
public abstract class Cast : KeyOrValueTransformation
{
    public const string SpecConfig = "spec";

    private const string Purpose = "cast types";

    private static readonly SchemaType[] OutputTypes =
        [SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32, SchemaType.Float64, SchemaType.Boolean, SchemaType.String];

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(
            SpecConfig,
            ConfigType.List,
            ConfigDef.NoDefaultValue,
            Validators.With((name, value) => ParseSpec(name, (IReadOnlyList<string>?)value ?? []), "list of colon-delimited pairs, e.g. foo:bar,abc:xyz"),
            Importance.High,
            "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _schemaCache = new();
    private Dictionary<string, SchemaType> _casts = [];
    private SchemaType? _wholeValueCastType;
    private bool _replaceNullWithDefault = true;

    private protected Cast(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        (_casts, _wholeValueCastType) = ParseSpec(SpecConfig, config.GetList(SpecConfig));
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record) => ApplyUnlessNull(record, ApplySchemaless, ApplyWithSchema);

    private static (Dictionary<string, SchemaType> Casts, SchemaType? WholeValue) ParseSpec(string key, IReadOnlyList<string> mappings)
    {
        var casts = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
        if (mappings.Count == 0)
        {
            throw new ConfigException(key, string.Empty, "Must specify at least one field to cast.");
        }

        SchemaType? wholeValue = null;
        foreach (var mapping in mappings)
        {
            var parts = mapping.Split(':');
            if (parts.Length > 2)
            {
                throw new ConfigException(key, string.Join(",", mappings), "Invalid cast mapping: " + mapping);
            }

            if (parts.Length == 1)
            {
                if (mappings.Count > 1)
                {
                    throw new ConfigException(key, string.Join(",", mappings), "Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec");
                }

                wholeValue = OutputType(key, parts[0].Trim());
            }
            else
            {
                casts[parts[0].Trim()] = OutputType(key, parts[1].Trim());
            }
        }

        return (casts, wholeValue);
    }

    private static SchemaType OutputType(string key, string name)
    {
        var type = Enum.GetValues<SchemaType>().Where(t => string.Equals(t.GetName(), name, StringComparison.OrdinalIgnoreCase)).Select(t => (SchemaType?)t).FirstOrDefault()
            ?? throw new ConfigException(key, name, "Invalid type found in casting spec: " + name);
        return OutputTypes.Contains(type)
            ? type
            : throw new ConfigException(key, name, $"Cast transformation does not support casting to/from {type.GetName().ToUpperInvariant()}; supported types are {SupportedList(OutputTypes)}");
    }

    private static string SupportedList(IEnumerable<SchemaType> types) => "[" + string.Join(", ", types.Select(t => t.GetName().ToUpperInvariant())) + "]";

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        if (_wholeValueCastType is { } whole)
        {
            return NewRecord(record, null, CastValueToType(null, OperatingValue(record), whole));
        }

        var updated = Requirements.CopyMap(Requirements.RequireMap(OperatingValue(record), Purpose));
        foreach (var (field, type) in _casts)
        {
            updated[field] = CastValueToType(null, updated.GetValueOrDefault(field), type);
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var schema = OperatingSchema(record)!;
        var updatedSchema = _schemaCache.GetOrAdd(schema, MakeUpdatedSchema);
        if (_wholeValueCastType is { } whole)
        {
            return NewRecord(record, updatedSchema, CastValueToType(schema, OperatingValue(record), whole));
        }

        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updated = new Struct(updatedSchema);
        foreach (var field in value.Schema.Fields)
        {
            var original = TransformConfig.FieldValue(value, field, _replaceNullWithDefault);
            updated.Put(updatedSchema.Field(field.Name)!, _casts.TryGetValue(field.Name, out var type) ? CastValueToType(field.Schema, original, type) : original);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private Schema MakeUpdatedSchema(Schema schema)
    {
        if (_wholeValueCastType is { } whole)
        {
            return CastSchema(schema, whole);
        }

        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException($"Only Struct objects supported for [{Purpose}], found: {schema.Type.GetName().ToUpperInvariant()} schema");
        }

        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, _casts.TryGetValue(field.Name, out var type) ? CastSchema(field.Schema, type) : field.Schema);
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private static Schema CastSchema(Schema original, SchemaType type)
    {
        var builder = SchemaBuilder.OfType(type);
        if (original.IsOptional)
        {
            builder.Optional();
        }

        if (original.DefaultValue is not null)
        {
            builder.DefaultValue(CastValueToType(original, original.DefaultValue, type));
        }

        return builder.Build();
    }

    private static object? CastValueToType(Schema? schema, object? value, SchemaType targetType)
    {
        if (value is null)
        {
            return null;
        }

        var inputType = schema?.Type ?? InferType(value);
        if (inputType is SchemaType.Array or SchemaType.Map or SchemaType.Struct)
        {
            throw new DataException($"Cast transformation does not support casting to/from {inputType.GetName().ToUpperInvariant()}; supported types are {SupportedList([.. OutputTypes, SchemaType.Bytes])}");
        }

        if (targetType != SchemaType.String)
        {
            value = EncodeLogical(value);
        }

        try
        {
            return targetType switch
            {
                SchemaType.Int8 => value switch
                {
                    bool b => (sbyte)(b ? 1 : 0),
                    string s => sbyte.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    _ => unchecked((sbyte)ToLong(value)),
                },
                SchemaType.Int16 => value switch
                {
                    bool b => (short)(b ? 1 : 0),
                    string s => short.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    _ => unchecked((short)ToLong(value)),
                },
                SchemaType.Int32 => value switch
                {
                    bool b => b ? 1 : 0,
                    string s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    _ => unchecked((int)ToLong(value)),
                },
                SchemaType.Int64 => value switch
                {
                    bool b => b ? 1L : 0L,
                    string s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
                    _ => ToLong(value),
                },
                SchemaType.Float32 => value switch
                {
                    bool b => b ? 1f : 0f,
                    string s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                    BigDecimal d => (float)d,
                    _ => (float)ToDouble(value),
                },
                SchemaType.Float64 => value switch
                {
                    bool b => b ? 1d : 0d,
                    string s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                    _ => ToDouble(value),
                },
                SchemaType.Boolean => value switch
                {
                    bool b => b,
                    string s => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase),
                    _ => ToLong(value) != 0L,
                },
                _ => CastToString(value),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Value ({value}) was out of range for requested data type", e);
        }
    }

    private static SchemaType InferType(object value) => value switch
    {
        sbyte => SchemaType.Int8,
        short => SchemaType.Int16,
        int => SchemaType.Int32,
        long => SchemaType.Int64,
        float => SchemaType.Float32,
        double => SchemaType.Float64,
        bool => SchemaType.Boolean,
        string => SchemaType.String,
        byte[] => SchemaType.Bytes,
        BigDecimal => SchemaType.Bytes,
        DateOnly or TimeOnly => SchemaType.Int32,
        DateTimeOffset or DateTime => SchemaType.Int64,
        Struct => SchemaType.Struct,
        System.Collections.IDictionary => SchemaType.Map,
        System.Collections.IList => SchemaType.Array,
        _ => throw new DataException($"Cast transformation was passed a value of type {value.GetType()} which is not supported by Connect's data API"),
    };

    private static object EncodeLogical(object value) => value switch
    {
        DateOnly d => Date.FromLogical(Date.Schema, d),
        TimeOnly t => Time.FromLogical(Time.Schema, t),
        DateTimeOffset or DateTime => Timestamp.FromLogical(Timestamp.Schema, value),
        _ => value,
    };

    private static long ToLong(object value) => value switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        float v => (long)v,
        double v => (long)v,
        // Java's Number.longValue: a Decimal truncates and wraps beyond the long range, as Kafka's Cast does.
        BigDecimal v => v.ToInt64Unchecked(),
        _ => throw new DataException("Unexpected type in Cast transformation: " + value.GetType()),
    };

    private static double ToDouble(object value) => value switch
    {
        float v => v,
        double v => v,
        BigDecimal v => (double)v,
        _ => ToLong(value),
    };

    private static string CastToString(object value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime dt => CastToString(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime())),
        DateTimeOffset dto => FormatInstant(dto.ToUniversalTime()),
        bool b => b ? "true" : "false",
        float f => JavaDouble(f, float.IsInteger(f), f.ToString("R", CultureInfo.InvariantCulture)),
        double d => JavaDouble(d, double.IsInteger(d), d.ToString("R", CultureInfo.InvariantCulture)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    // Kafka formats a java.util.Date by what it holds: a time of day on the epoch day, a date at midnight, else both.
    private static string FormatInstant(DateTimeOffset instant)
    {
        var millis = instant.ToUnixTimeMilliseconds();
        return millis is >= 0 and < 86_400_000
            ? instant.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : millis % 86_400_000 == 0
                ? instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    // Java prints whole floating values with ".0" (42.0); finite values in [1e-3, 1e7) never in exponent form.
    private static string JavaDouble(double value, bool isInteger, string roundTrip) =>
        isInteger && Math.Abs(value) < 1e7 && !roundTrip.Contains('E', StringComparison.Ordinal) ? roundTrip + ".0" : roundTrip;

    /// <summary>Casts the record key (<c>org.apache.kafka.connect.transforms.Cast$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Key")]
    public sealed class Key() : Cast(RecordPart.Key);

    /// <summary>Casts the record value (<c>org.apache.kafka.connect.transforms.Cast$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Value")]
    public sealed class Value() : Cast(RecordPart.Value);
}
