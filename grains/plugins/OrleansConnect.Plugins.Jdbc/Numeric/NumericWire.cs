using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Numeric;

/// <summary>
/// PostgreSQL's binary <c>numeric</c> (numeric_send/numeric_recv): int16 digit count, int16 weight, uint16 sign, int16
/// display scale, then the digits in base 10000, most significant first; the value is the sum of digit[i] × 10000^(weight
/// - i). Trailing zero digits are left out.
/// </summary>
internal static class NumericWire
{
    public const int HeaderBytes = 8;

    private const ushort SignPositive = 0x0000;
    private const ushort SignNegative = 0x4000;
    private const ushort SignNaN = 0xC000;
    private const ushort SignPositiveInfinity = 0xD000;
    private const ushort SignNegativeInfinity = 0xF000;

    // numeric_recv refuses a display scale beyond NUMERIC_DSCALE_MASK.
    private const int MaxDisplayScale = 0x3FFF;

    private const ulong GroupsPerChunk = 4;
    private static readonly BigInteger ChunkBase = BigInteger.Pow(10, 16);

    public static PostgresNumeric Decode(short digitCount, short weight, ushort sign, short displayScale, ReadOnlySpan<short> digits)
    {
        switch (sign)
        {
            case SignNaN:
                return PostgresNumeric.Special(double.NaN);
            case SignPositiveInfinity:
                return PostgresNumeric.Special(double.PositiveInfinity);
            case SignNegativeInfinity:
                return PostgresNumeric.Special(double.NegativeInfinity);
            case SignPositive or SignNegative:
                break;
            default:
                throw new InvalidCastException($"Unknown numeric sign 0x{sign:X4}");
        }

        if (digitCount == 0)
        {
            return PostgresNumeric.Finite(new BigDecimal(BigInteger.Zero, displayScale));
        }

        // Four base-10000 digits at a time fit a ulong (10^16 < 2^64); only longer values go through BigInteger steps.
        var accumulated = BigInteger.Zero;
        ulong chunk = 0;
        ulong inChunk = 0;
        foreach (var digit in digits)
        {
            chunk = (chunk * 10000) + (ulong)digit;
            if (++inChunk == GroupsPerChunk)
            {
                accumulated = (accumulated * ChunkBase) + chunk;
                chunk = 0;
                inChunk = 0;
            }
        }

        accumulated = inChunk == 0 ? accumulated : (accumulated * BigInteger.Pow(10000, (int)inChunk)) + chunk;

        // accumulated is the value × 10^digitsAfterPoint; the display scale may add zeros or (never for stored values)
        // cut trailing zeros of the last digit group.
        var digitsAfterPoint = 4 * (digitCount - 1 - weight);
        var shift = displayScale - digitsAfterPoint;
        var unscaled = shift >= 0 ? accumulated * BigInteger.Pow(10, shift) : accumulated / BigInteger.Pow(10, -shift);
        return PostgresNumeric.Finite(new BigDecimal(sign == SignNegative ? -unscaled : unscaled, displayScale));
    }

    /// <summary>The binary form of a value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has more digits after the point than PostgreSQL keeps.</exception>
    public static byte[] Encode(BigDecimal value)
    {
        var magnitude = BigInteger.Abs(value.Unscaled);
        var displayScale = Math.Max(value.Scale, 0);
        if (displayScale > MaxDisplayScale)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"A PostgreSQL numeric holds at most {MaxDisplayScale} digits after the point; {value} has {value.Scale}");
        }

        if (value.Scale < 0)
        {
            magnitude *= BigInteger.Pow(10, -value.Scale);
        }

        if (magnitude.IsZero)
        {
            return Header(0, 0, SignPositive, displayScale, 0);
        }

        // Pad the fraction to whole base-10000 digits, so the point falls between two of them.
        var pad = (4 - (displayScale % 4)) % 4;
        var text = (magnitude * BigInteger.Pow(10, pad)).ToString(CultureInfo.InvariantCulture);
        var fractionGroups = (displayScale + pad) / 4;
        var groupCount = (text.Length + 3) / 4;
        var groups = new short[groupCount];
        var first = text.Length - ((groupCount - 1) * 4);
        groups[0] = short.Parse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture);
        for (var g = 1; g < groupCount; g++)
        {
            groups[g] = short.Parse(text.AsSpan(first + ((g - 1) * 4), 4), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var used = groupCount;
        while (groups[used - 1] == 0)
        {
            used--;
        }

        var bytes = Header(used, groupCount - fractionGroups - 1, value.Sign < 0 ? SignNegative : SignPositive, displayScale, used);
        for (var g = 0; g < used; g++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(HeaderBytes + (2 * g)), groups[g]);
        }

        return bytes;
    }

    private static byte[] Header(int digitCount, int weight, ushort sign, int displayScale, int digits)
    {
        var bytes = new byte[HeaderBytes + (2 * digits)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, checked((short)digitCount));
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), checked((short)weight));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sign);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), (short)displayScale);
        return bytes;
    }
}
