using System.Globalization;
using System.Numerics;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// The Decimal logical type: a BYTES schema named <c>org.apache.kafka.connect.data.Decimal</c> with a <c>scale</c>
/// parameter; the bytes are the big-endian two's complement unscaled value. In .NET the value is a <see cref="decimal"/>,
/// so values beyond 28 significant digits cannot be represented and raise <see cref="DataException"/>.
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
    /// <exception cref="DataException">The schema has no valid scale parameter.</exception>
    public static int Scale(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Parameters.TryGetValue(ScaleField, out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale)
            ? scale
            : throw new DataException("Invalid Decimal schema: scale parameter not found.");
    }

    /// <summary>Encodes a decimal as the unscaled big-endian two's complement bytes at the schema's scale.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The value; its scale must be reducible to the schema's without loss.</param>
    /// <returns>The encoded bytes.</returns>
    /// <exception cref="DataException">The value cannot be represented at the schema's scale.</exception>
    public static byte[] FromLogical(Schema schema, decimal value)
    {
        var scale = Scale(schema);
        var unscaled = Unscaled(value, scale);
        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Decodes unscaled big-endian two's complement bytes at the schema's scale.</summary>
    /// <param name="schema">A Decimal schema.</param>
    /// <param name="value">The encoded bytes.</param>
    /// <returns>The decimal.</returns>
    /// <exception cref="DataException">The value does not fit a .NET decimal.</exception>
    public static decimal ToLogical(Schema schema, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return FromUnscaled(new BigInteger(value, isUnsigned: false, isBigEndian: true), Scale(schema));
    }

    /// <summary>The unscaled integer of a decimal at a scale (<c>1.50</c> at scale 2 is 150).</summary>
    /// <param name="value">The value.</param>
    /// <param name="scale">The scale.</param>
    /// <returns>The unscaled integer.</returns>
    /// <exception cref="DataException">The value has more fractional digits than the scale allows.</exception>
    public static BigInteger Unscaled(decimal value, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var valueScale = (bits[3] >> 16) & 0xFF;
        if (valueScale < scale)
        {
            magnitude *= BigInteger.Pow(10, scale - valueScale);
        }
        else if (valueScale > scale)
        {
            var divisor = BigInteger.Pow(10, valueScale - scale);
            magnitude = BigInteger.DivRem(magnitude, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                throw new DataException($"Decimal {value.ToString(CultureInfo.InvariantCulture)} has more digits than the schema's scale {scale}");
            }
        }

        return bits[3] < 0 ? -magnitude : magnitude;
    }

    /// <summary>The decimal of an unscaled integer at a scale.</summary>
    /// <param name="unscaled">The unscaled integer.</param>
    /// <param name="scale">The scale (may be negative).</param>
    /// <returns>The decimal.</returns>
    /// <exception cref="DataException">The value does not fit a .NET decimal.</exception>
    public static decimal FromUnscaled(BigInteger unscaled, int scale)
    {
        try
        {
            if (scale <= 0)
            {
                return (decimal)(unscaled * BigInteger.Pow(10, -scale));
            }

            if (scale <= 28 && BigInteger.Abs(unscaled) < (BigInteger.One << 96))
            {
                var magnitude = BigInteger.Abs(unscaled);
                var bytes = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
                Span<byte> padded = stackalloc byte[12];
                bytes.CopyTo(padded);
                var lo = BitConverter.ToInt32(padded[..4]);
                var mid = BitConverter.ToInt32(padded[4..8]);
                var hi = BitConverter.ToInt32(padded[8..12]);
                return new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
            }

            return (decimal)unscaled / (decimal)BigInteger.Pow(10, scale);
        }
        catch (OverflowException e)
        {
            throw new DataException($"Decimal with unscaled value {unscaled} and scale {scale} does not fit a .NET decimal", e);
        }
    }
}
