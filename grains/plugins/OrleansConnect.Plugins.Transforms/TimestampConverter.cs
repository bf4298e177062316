using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;
using ConnectDate = OrleansConnect.Plugins.Data.Date;
using ConnectTime = OrleansConnect.Plugins.Data.Time;
using ConnectTimestamp = OrleansConnect.Plugins.Data.Timestamp;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Converts a timestamp between Unix epoch numbers, formatted strings and the Connect Date, Time and Timestamp logical
/// types, as Kafka's <c>TimestampConverter</c>: one field of a Struct or schemaless map, or the whole key/value when
/// <c>field</c> is empty. With a schema the input kind comes from the schema (logical name, else STRING is a formatted
/// string and INT64 a Unix number); schemaless it comes from the .NET type (<see cref="long"/>, <see cref="string"/>,
/// <see cref="DateTimeOffset"/>/<see cref="DateTime"/>, <see cref="DateOnly"/>, <see cref="TimeOnly"/>). Everything is
/// in UTC and at millisecond precision, as Kafka's <c>java.util.Date</c>. A null timestamp stays null.
/// </summary>
public abstract class TimestampConverter : KeyOrValueTransformation
{
    public const string FieldConfig = "field";
    public const string TargetTypeConfig = "target.type";
    public const string FormatConfig = "format";
    public const string UnixPrecisionConfig = "unix.precision";

    public const string TypeString = "string";
    public const string TypeUnix = "unix";
    public const string TypeDate = "Date";
    public const string TypeTime = "Time";
    public const string TypeTimestamp = "Timestamp";

    public const string UnixPrecisionSeconds = "seconds";
    public const string UnixPrecisionMillis = "milliseconds";
    public const string UnixPrecisionMicros = "microseconds";
    public const string UnixPrecisionNanos = "nanoseconds";

    private const string Purpose = "converting timestamp formats";

    private static readonly Schema OptionalDate = ConnectDate.Builder().Optional().Build();
    private static readonly Schema OptionalTime = ConnectTime.Builder().Optional().Build();
    private static readonly Schema OptionalTimestamp = ConnectTimestamp.Builder().Optional().Build();

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, string.Empty, Importance.High, "The field containing the timestamp, or empty if the entire value is a timestamp")
        .Define(TargetTypeConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.ValidString(TypeString, TypeUnix, TypeDate, TypeTime, TypeTimestamp), Importance.High,
            "The desired timestamp representation: string, unix, Date, Time, or Timestamp")
        .Define(FormatConfig, ConfigType.String, string.Empty, Importance.Medium,
            "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.")
        .Define(UnixPrecisionConfig, ConfigType.String, UnixPrecisionMillis, Validators.ValidString(UnixPrecisionNanos, UnixPrecisionMicros, UnixPrecisionMillis, UnixPrecisionSeconds), Importance.Low,
            "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long. Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private readonly SchemaCache _schemaCache = new();
    private string _field = string.Empty;
    private string _targetType = TypeTimestamp;
    private JavaDateFormat? _format;
    private string _unixPrecision = UnixPrecisionMillis;
    private bool _replaceNullWithDefault = true;

    private protected TimestampConverter(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _field = config.GetString(FieldConfig)!;
        _targetType = config.GetString(TargetTypeConfig)!;
        _unixPrecision = config.GetString(UnixPrecisionConfig)!;
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
        var pattern = config.GetString(FormatConfig);
        if (string.IsNullOrWhiteSpace(pattern))
        {
            if (_targetType == TypeString)
            {
                throw new ConfigException("TimestampConverter requires format option to be specified when using string timestamps");
            }

            _format = null;
            return;
        }

        _format = JavaDateFormat.Compile(FormatConfig, pattern);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return OperatingSchema(record) is { } schema ? ApplyWithSchema(record, schema) : ApplySchemaless(record);
    }

    private static string TypeFromSchema(Schema schema) => schema.Name switch
    {
        ConnectTimestamp.LogicalName => TypeTimestamp,
        ConnectDate.LogicalName => TypeDate,
        ConnectTime.LogicalName => TypeTime,
        _ => schema.Type switch
        {
            SchemaType.String => TypeString,
            SchemaType.Int64 => TypeUnix,
            _ => throw new ConnectException($"Schema {schema} does not correspond to a known timestamp type format"),
        },
    };

    // Kafka cannot tell Date, Time and Timestamp apart without a schema (all are java.util.Date) and reads them all as
    // Timestamp; .NET's DateOnly and TimeOnly say which they are, and give the same instant either way.
    private static string InferType(object value) => value switch
    {
        DateTimeOffset or DateTime => TypeTimestamp,
        DateOnly => TypeDate,
        TimeOnly => TypeTime,
        long => TypeUnix,
        string => TypeString,
        _ => throw new DataException($"TimestampConverter does not support {value.GetType()} objects as timestamps"),
    };

    private Schema TargetSchema(bool optional) => _targetType switch
    {
        TypeString => optional ? Schema.OptionalString : Schema.String,
        TypeUnix => optional ? Schema.OptionalInt64 : Schema.Int64,
        TypeDate => optional ? OptionalDate : ConnectDate.Schema,
        TypeTime => optional ? OptionalTime : ConnectTime.Schema,
        _ => optional ? OptionalTimestamp : ConnectTimestamp.Schema,
    };

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema)
    {
        if (_field.Length == 0)
        {
            return NewRecord(record, TargetSchema(schema.IsOptional), ConvertTimestamp(OperatingValue(record), TypeFromSchema(schema)));
        }

        var value = Requirements.RequireStructOrNull(OperatingValue(record), Purpose);
        var updatedSchema = _schemaCache.GetOrAdd(schema, BuildUpdatedSchema);
        if (value is null)
        {
            return NewRecord(record, updatedSchema, null);
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in value.Schema.Fields)
        {
            var fieldValue = TransformConfig.FieldValue(value, field, _replaceNullWithDefault);
            updated.Put(field.Name, field.Name == _field ? ConvertTimestamp(fieldValue, TypeFromSchema(field.Schema)) : fieldValue);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    // A default of the struct itself is not carried over: the default would have to be a Struct of the schema being built.
    private Schema BuildUpdatedSchema(Schema schema)
    {
        var builder = SchemaUtil.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Name == _field ? TargetSchema(field.Schema.IsOptional) : field.Schema);
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        return builder.Build();
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null || _field.Length == 0)
        {
            return NewRecord(record, null, ConvertTimestamp(value, null));
        }

        // As Kafka, the field is written even when the map lacks it (as null).
        var map = Requirements.RequireMap(value, Purpose);
        var updated = Requirements.CopyMap(map);
        updated[_field] = ConvertTimestamp(Requirements.Get(map, _field), null);
        return NewRecord(record, null, updated);
    }

    // Every source is read to an instant at millisecond precision, so the targets need no further truncation.
    private object? ConvertTimestamp(object? value, string? sourceType)
    {
        if (value is null)
        {
            return null;
        }

        var instant = ToInstant(value, sourceType ?? InferType(value));
        return _targetType switch
        {
            TypeString => _format!.Format(instant),
            TypeUnix => ToUnix(instant.ToUnixTimeMilliseconds()),
            TypeDate => DateOnly.FromDateTime(instant.UtcDateTime),
            TypeTime => TimeOnly.FromDateTime(instant.UtcDateTime),
            _ => instant,
        };
    }

    private DateTimeOffset ToInstant(object value, string sourceType)
    {
        switch (sourceType)
        {
            case TypeString:
                return value is string text ? Parse(text) : throw new DataException("Expected string timestamp to be a String, but found " + value.GetType());
            case TypeUnix:
                return value is long unix
                    ? DateTimeOffset.FromUnixTimeMilliseconds(FromUnix(unix))
                    : throw new DataException("Expected Unix timestamp to be a Long, but found " + value.GetType());
            case TypeDate:
                return value switch
                {
                    DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    DateTimeOffset or DateTime => Truncate(value),
                    _ => throw new DataException("Expected Date to be a DateOnly, but found " + value.GetType()),
                };
            case TypeTime:
                return value switch
                {
                    TimeOnly time => DateTimeOffset.UnixEpoch.AddMilliseconds(ConnectTime.FromLogical(ConnectTime.Schema, time)),
                    DateTimeOffset or DateTime => Truncate(value),
                    _ => throw new DataException("Expected Time to be a TimeOnly, but found " + value.GetType()),
                };
            default:
                return value is DateTimeOffset or DateTime
                    ? Truncate(value)
                    : throw new DataException("Expected Timestamp to be a DateTimeOffset, but found " + value.GetType());
        }
    }

    // java.util.Date holds milliseconds; sub-millisecond ticks are dropped as Kafka would never see them.
    private static DateTimeOffset Truncate(object value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ConnectTimestamp.FromLogical(ConnectTimestamp.Schema, value));

    private DateTimeOffset Parse(string text)
    {
        // Kafka fails here with a NullPointerException; say what is missing instead.
        if (_format is null)
        {
            throw new DataException($"Could not parse timestamp: value ({text}) is a string but no {FormatConfig} is configured");
        }

        return _format.TryParse(text, out var parsed)
            ? parsed
            : throw new DataException($"Could not parse timestamp: value ({text}) does not match pattern ({_format.Pattern})");
    }

    // Java's TimeUnit conversions: division truncates toward zero, multiplication saturates at the long range.
    private long FromUnix(long unix) => _unixPrecision switch
    {
        UnixPrecisionSeconds => Saturate(unix, 1000),
        UnixPrecisionMicros => unix / 1000,
        UnixPrecisionNanos => unix / 1_000_000,
        _ => unix,
    };

    private long ToUnix(long millis) => _unixPrecision switch
    {
        UnixPrecisionSeconds => millis / 1000,
        UnixPrecisionMicros => Saturate(millis, 1000),
        UnixPrecisionNanos => Saturate(millis, 1_000_000),
        _ => millis,
    };

    private static long Saturate(long value, long factor) =>
        value > long.MaxValue / factor ? long.MaxValue : value < long.MinValue / factor ? long.MinValue : value * factor;

    /// <summary>Converts in the record key (<c>org.apache.kafka.connect.transforms.TimestampConverter$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Key")]
    public sealed class Key() : TimestampConverter(RecordPart.Key);

    /// <summary>Converts in the record value (<c>org.apache.kafka.connect.transforms.TimestampConverter$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Value")]
    public sealed class Value() : TimestampConverter(RecordPart.Value);
}
