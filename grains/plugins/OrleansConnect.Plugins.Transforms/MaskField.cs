using System.Collections;
using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// Replaces the values of some fields with their type's empty value (0, false, "", the epoch, an empty list or map),
/// or with <c>replacement</c> converted to the field's type (numbers and strings only), as Kafka's <c>MaskField</c>.
/// A null field stays null. A null key/value passes through unchanged.
/// </summary>
public abstract class MaskField : KeyOrValueTransformation
{
    public const string FieldsConfig = "fields";
    public const string ReplacementConfig = "replacement";

    private const string Purpose = "mask fields";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefaultValue, TransformValidators.NonEmptyList(), Importance.High, "Names of fields to mask.")
        .Define(ReplacementConfig, ConfigType.String, null, TransformValidators.NonEmptyStringOrNull(), Importance.Low, "Custom value replacement, applied to every masked field; numeric or string fields only.")
        .WithReplaceNullWithDefault()
        .WithFieldSyntaxVersion();

    private HashSet<string> _maskedFields = [];
    private string? _replacement;
    private bool _replaceNullWithDefault = true;

    private protected MaskField(RecordPart part)
        : base(part)
    {
    }

    /// <inheritdoc />
    public override ConfigDef Config => Definition;

    /// <inheritdoc />
    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = new AbstractConfig(Definition, configs);
        _maskedFields = [.. config.GetList(FieldsConfig)];
        _replacement = config.GetString(ReplacementConfig);
        _replaceNullWithDefault = config.GetBoolean(TransformConfig.ReplaceNullWithDefault);
    }

    /// <inheritdoc />
    public override ConnectRecord? Apply(ConnectRecord record) => ApplyUnlessNull(record, ApplySchemaless, ApplyWithSchema);

    private ConnectRecord NewRecord(ConnectRecord record, object? updatedValue) => NewRecord(record, OperatingSchema(record), updatedValue);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var updated = Requirements.CopyMap(Requirements.RequireMap(OperatingValue(record), Purpose));
        foreach (var field in _maskedFields)
        {
            updated[field] = Masked(updated.GetValueOrDefault(field));
        }

        return NewRecord(record, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var value = Requirements.RequireStruct(OperatingValue(record), Purpose);
        var updated = new Struct(value.Schema);
        foreach (var field in value.Schema.Fields)
        {
            var original = TransformConfig.FieldValue(value, field, _replaceNullWithDefault);
            updated.Put(field, _maskedFields.Contains(field.Name) ? Masked(original) : original);
        }

        return NewRecord(record, updated);
    }

    private object? Masked(object? value) => value is null
        ? null
        : _replacement is null ? MaskWithEmptyValue(value) : MaskWithReplacement(value, _replacement);

    private static object MaskWithEmptyValue(object value) => value switch
    {
        bool => false,
        sbyte => (sbyte)0,
        short => (short)0,
        int => 0,
        long => 0L,
        float => 0f,
        double => 0d,
        BigDecimal => BigDecimal.Zero,
        string => string.Empty,
        DateOnly => DateOnly.FromDateTime(DateTime.UnixEpoch),
        TimeOnly => TimeOnly.MinValue,
        DateTimeOffset => DateTimeOffset.UnixEpoch,
        DateTime => DateTime.UnixEpoch,
        IList and not byte[] => new List<object?>(),
        IDictionary => new Dictionary<object, object?>(),
        _ => throw new DataException("Cannot mask value of type: " + value.GetType()),
    };

    private static object MaskWithReplacement(object value, string replacement)
    {
        try
        {
            return value switch
            {
                sbyte => checked((sbyte)IntegerReplacement(replacement)),
                short => checked((short)IntegerReplacement(replacement)),
                int => checked((int)IntegerReplacement(replacement)),
                long => IntegerReplacement(replacement),
                float => float.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                double => double.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                BigDecimal => BigDecimal.Parse(replacement),
                string => replacement,
                _ => throw new DataException($"Cannot mask value of type {value.GetType()} with custom replacement."),
            };
        }
        catch (OverflowException e)
        {
            throw new DataException($"Unable to convert {replacement} ({typeof(string)}) to number: out of range for a field of type {value.GetType()}", e);
        }
        catch (FormatException e)
        {
            throw new DataException($"Unable to convert {replacement} ({typeof(string)}) to number", e);
        }
    }

    // Kafka reads an integer replacement as a Java BigDecimal and keeps its integral part (Values.convertToX), so one
    // replacement such as "0.0" or "1e3" serves fields of several numeric types; so does this. Kafka also wraps a value
    // beyond the field's range ("300" for an int8 becomes 44); that fails here (OverflowException) instead.
    private static long IntegerReplacement(string replacement) =>
        (long)decimal.Truncate(decimal.Parse(replacement, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture));

    /// <summary>Masks fields of the record key (<c>org.apache.kafka.connect.transforms.MaskField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Key")]
    public sealed class Key() : MaskField(RecordPart.Key);

    /// <summary>Masks fields of the record value (<c>org.apache.kafka.connect.transforms.MaskField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Value")]
    public sealed class Value() : MaskField(RecordPart.Value);
}
