using System.Globalization;
using System.Numerics;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// The Decimal logical type: a BYTES schema named <c>org.apache.kafka.connect.data.Decimal</c> with a <c>scale</c>
/// parameter; the bytes are the big-endian two's complement unscaled value. The value is a <see cref="BigDecimal"/>
/// (Java's <c>BigDecimal</c>), so any precision is carried; its scale should be the schema's.
/// </summary>
public static class Decimal
{
    /// <summary>The logical type name.</summary>
    public const string LogicalName = "org.apache.kafka.connect.data.Decimal";

    /// <summary>The schema parameter that holds the scale.</summary>
    public const string ScaleField = "scale";

    /// <summary>Starts a Decimal schema of a scale.</summary>
    /// <param name="scale">Digits after the decimal point.</param>
    /// <returns>The builder (required, version 1).</returns>
    public static SchemaBuilder Builder(int scale) =>
        SchemaBuilder.Bytes().Name(LogicalName).Parameter(ScaleField, scale.ToString(CultureInfo.InvariantCulture)).Version(1);

    /// <summary>A required Decimal schema of a scale.</summary>
    /// <param name="scale">Digits after the decimal point.</param>
    /// <returns>The schema.</returns>
    public static Schema Schema(int scale) => Builder(scale).Build();

    /// <summary>The scale of a Decimal schema.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="DataException">The schema has no scale parameter, or one that is not an int.</exception>
    public static int Scale(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!schema.Parameters.TryGetValue(ScaleField, out var s))
        {
            throw new DataException("Invalid Decimal schema: scale parameter not found.");
        }

        return int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scale)
            ? scale
            : throw new DataException("Invalid scale parameter found in Decimal schema: " + s);
    }

    /// <summary>
    /// Encodes a value as the big-endian two's complement bytes of its unscaled integer at the schema's scale, as
    /// Kafka's <c>Decimal.fromLogical</c> (the shortest form that keeps the sign: 0 is <c>00</c>, 128 is <c>00 80</c>,
    /// -1 is <c>FF</c>). Called by converters on every Decimal value they write.
    /// </summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The value. Kafka requires its scale to equal the schema's; here a value of another scale is
    /// rescaled when that loses no digit (<c>1.5</c> at scale 2 is written as 150), and fails otherwise.</param>
    /// <returns>The encoded bytes.</returns>
    /// <exception cref="DataException">The schema has no valid scale, or the value has non-zero digits beyond it.</exception>
    public static byte[] FromLogical(Schema schema, BigDecimal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var scale = Scale(schema);
        if (!value.TryRescale(scale, out var rescaled))
        {
            throw new DataException(
                $"Decimal value has mismatching scale for given Decimal schema. Schema has scale {scale}, value has scale {value.Scale}.");
        }

        return rescaled.Unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Decodes big-endian two's complement bytes as the unscaled integer at the schema's scale, as Kafka's
    /// <c>Decimal.toLogical</c>. Called by converters on every Decimal value they read.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The encoded bytes; at least one.</param>
    /// <returns>The value, at the schema's scale.</returns>
    /// <exception cref="DataException">The schema has no valid scale, or the bytes are empty (Java's
    /// <c>BigInteger</c> refuses a zero-length array too).</exception>
    public static BigDecimal ToLogical(Schema schema, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var scale = Scale(schema);
        return value.Length > 0
            ? new BigDecimal(new BigInteger(value, isUnsigned: false, isBigEndian: true), scale)
            : throw new DataException("Invalid Decimal bytes: zero length.");
    }
}
