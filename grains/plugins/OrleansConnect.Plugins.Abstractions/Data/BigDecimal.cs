using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// An arbitrary-precision decimal number, as Java's <c>java.math.BigDecimal</c>: an unscaled integer of any size and a
/// scale, the value being <c>Unscaled × 10^-Scale</c> (<c>1.50</c> is 150 at scale 2; a negative scale multiplies:
/// <c>1E+3</c> is 1 at scale -3). It is the value of the Decimal logical type (<see cref="Decimal"/>), whose scale is
/// fixed by the schema. Immutable and thread-safe.
/// <para>
/// Equality is Java's <c>BigDecimal.equals</c>: the unscaled value and the scale must both match, so <c>2.0</c> and
/// <c>2.00</c> differ, as they do in Kafka Connect's <c>Struct.equals</c> and in their encoded bytes. The numeric order
/// (<see cref="CompareTo(BigDecimal?)"/> and the comparison operators) is Java's <c>compareTo</c>, for which they are
/// equal. Text is Java's: <see cref="Parse"/> reads what <c>new BigDecimal(String)</c> reads, <see cref="ToString"/>
/// writes what <c>toString</c> writes (scientific notation for a negative scale or a value below 1E-6, as Jackson writes
/// a JSON number) and <see cref="ToPlainString"/> what <c>toPlainString</c> writes.
/// </para>
/// </summary>
public sealed class BigDecimal : IEquatable<BigDecimal>, IComparable<BigDecimal>, IComparable
{
    private const int MaxDecimalScale = 28;

    private static readonly BigInteger DecimalMantissaLimit = BigInteger.One << 96;

    /// <summary>Creates the value <c>unscaled × 10^-scale</c>.</summary>
    /// <param name="unscaled">The unscaled integer.</param>
    /// <param name="scale">The scale: digits after the decimal point, or a negative power of ten.</param>
    public BigDecimal(BigInteger unscaled, int scale)
    {
        Unscaled = unscaled;
        Scale = scale;
    }

    /// <summary>Zero at scale 0 (Java's <c>BigDecimal.ZERO</c>).</summary>
    public static BigDecimal Zero { get; } = new(BigInteger.Zero, 0);

    /// <summary>The unscaled integer.</summary>
    public BigInteger Unscaled { get; }

    /// <summary>The scale: how many digits of <see cref="Unscaled"/> are after the decimal point (negative: zeros to
    /// append before it).</summary>
    public int Scale { get; }

    /// <summary>-1, 0 or 1 for a negative, zero or positive value.</summary>
    public int Sign => Unscaled.Sign;

    /// <summary>The number of digits in the unscaled value (1 for zero), as Java's <c>precision()</c>.</summary>
    public int Precision => Unscaled.IsZero ? 1 : BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture).Length;

    /// <summary>Converts a .NET decimal exactly, keeping its scale (<c>1.50m</c> is 150 at scale 2).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator BigDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return new BigDecimal(bits[3] < 0 ? -magnitude : magnitude, (bits[3] >> 16) & 0xFF);
    }

    /// <summary>Converts an integer exactly, at scale 0.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator BigDecimal(long value) => new(value, 0);

    /// <summary>
    /// The nearest .NET decimal: exact when the value has at most 28 digits after the point and fits 96 bits unscaled,
    /// otherwise rounded half to even to the digits a decimal holds (28-29).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <exception cref="OverflowException">The value's magnitude is beyond <see cref="decimal.MaxValue"/>.</exception>
    public static explicit operator decimal(BigDecimal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var unscaled = value.Unscaled;
        var scale = value.Scale;
        if (scale < 0)
        {
            unscaled *= BigInteger.Pow(10, -scale);
            scale = 0;
        }

        var drop = Math.Max(0, scale - MaxDecimalScale);
        var rounded = RoundHalfEven(unscaled, drop);
        while (BigInteger.Abs(rounded) >= DecimalMantissaLimit)
        {
            if (++drop > scale)
            {
                throw new OverflowException($"{value} is beyond the range of a .NET decimal");
            }

            rounded = RoundHalfEven(unscaled, drop);
        }

        var magnitude = BigInteger.Abs(rounded);
        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)(magnitude >> 64);
        return new decimal(lo, mid, hi, rounded.Sign < 0, (byte)(scale - drop));
    }

    /// <summary>The nearest double, correctly rounded, as Java's <c>doubleValue()</c> (infinity beyond its range).</summary>
    /// <param name="value">The value.</param>
    public static explicit operator double(BigDecimal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return double.Parse(value.ScientificText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The nearest float, correctly rounded, as Java's <c>floatValue()</c> (infinity beyond its range).</summary>
    /// <param name="value">The value.</param>
    public static explicit operator float(BigDecimal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return float.Parse(value.ScientificText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether two values are equal in value and scale (Java's <c>equals</c>).</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>True when both are null or both match in unscaled value and scale.</returns>
    public static bool operator ==(BigDecimal? left, BigDecimal? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two values differ in value or scale.</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>The negation of <c>==</c>.</returns>
    public static bool operator !=(BigDecimal? left, BigDecimal? right) => !(left == right);

    /// <summary>Numeric order (null first).</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    public static bool operator <(BigDecimal? left, BigDecimal? right) => Compare(left, right) < 0;

    /// <summary>Numeric order (null first).</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>Whether <paramref name="left"/> is smaller or numerically equal.</returns>
    public static bool operator <=(BigDecimal? left, BigDecimal? right) => Compare(left, right) <= 0;

    /// <summary>Numeric order (null first).</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    public static bool operator >(BigDecimal? left, BigDecimal? right) => Compare(left, right) > 0;

    /// <summary>Numeric order (null first).</summary>
    /// <param name="left">A value or null.</param>
    /// <param name="right">A value or null.</param>
    /// <returns>Whether <paramref name="left"/> is larger or numerically equal.</returns>
    public static bool operator >=(BigDecimal? left, BigDecimal? right) => Compare(left, right) >= 0;

    /// <summary>
    /// Reads a number as Java's <c>new BigDecimal(String)</c>: an optional sign, digits with an optional point (at least
    /// one digit), and an optional exponent <c>e</c>/<c>E</c> with an optional sign; no spaces. The scale is the number of
    /// digits after the point minus the exponent (<c>1.50</c> has scale 2, <c>1E+3</c> scale -3). ASCII digits only.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The text is not such a number, or its scale is beyond the int range.</exception>
    public static BigDecimal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var result) ? result : throw new FormatException($"Character array is not a valid decimal number: \"{text}\"");
    }

    /// <summary>Reads a number as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="result">The value, or null when the text is not a number.</param>
    /// <returns>Whether the text is a number.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out BigDecimal? result)
    {
        result = null;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        Span<char> digits = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var digitCount = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits[digitCount++] = c;
                fractionDigits += seenPoint ? 1 : 0;
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (digitCount == 0)
        {
            return false;
        }

        long exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ('e' or 'E') || !TryParseExponent(text[(i + 1)..], out exponent))
            {
                return false;
            }
        }

        var scale = fractionDigits - exponent;
        if (scale is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        var magnitude = digitCount <= 18
            ? long.Parse(digits[..digitCount], NumberStyles.None, CultureInfo.InvariantCulture)
            : BigInteger.Parse(digits[..digitCount], NumberStyles.None, CultureInfo.InvariantCulture);
        result = new BigDecimal(negative ? -magnitude : magnitude, (int)scale);
        return true;
    }

    /// <summary>
    /// The same value at another scale, exactly (Java's <c>setScale(newScale)</c> without rounding): more digits are
    /// zeros; fewer digits are allowed only when the dropped ones are zeros.
    /// </summary>
    /// <param name="scale">The new scale.</param>
    /// <returns>The value at that scale.</returns>
    /// <exception cref="ArithmeticException">Non-zero digits would be dropped.</exception>
    public BigDecimal Rescale(int scale) =>
        TryRescale(scale, out var result) ? result : throw new ArithmeticException($"{this} has more digits than scale {scale} allows");

    /// <summary>The same value at another scale, when no non-zero digit is lost.</summary>
    /// <param name="scale">The new scale.</param>
    /// <param name="result">The value at that scale, or null.</param>
    /// <returns>Whether the value is exact at that scale.</returns>
    public bool TryRescale(int scale, [NotNullWhen(true)] out BigDecimal? result)
    {
        if (scale == Scale)
        {
            result = this;
            return true;
        }

        if (Unscaled.IsZero || scale > Scale)
        {
            result = new BigDecimal(Unscaled.IsZero ? Unscaled : Unscaled * BigInteger.Pow(10, scale - Scale), scale);
            return true;
        }

        // Dropping more digits than the unscaled value has (bits x log10(2), rounded up) always loses a non-zero one;
        // deciding that without the power of ten keeps a hostile exponent (1E-999999999) cheap.
        if (Scale - (long)scale > (long)(Unscaled.GetBitLength() * 0.30103) + 1)
        {
            result = null;
            return false;
        }

        var quotient = BigInteger.DivRem(Unscaled, BigInteger.Pow(10, Scale - scale), out var remainder);
        result = remainder.IsZero ? new BigDecimal(quotient, scale) : null;
        return result is not null;
    }

    /// <summary>The integer part, truncated toward zero (Java's <c>toBigInteger()</c>).</summary>
    /// <returns>The integer part.</returns>
    public BigInteger ToBigInteger() => Scale <= 0
        ? Unscaled * BigInteger.Pow(10, -Scale)
        : BigInteger.Divide(Unscaled, BigInteger.Pow(10, Scale));

    /// <summary>
    /// The low 64 bits of the integer part, as Java's <c>longValue()</c>: truncated toward zero, and wrapping (not
    /// failing) beyond the long range, which is what Kafka's <c>Cast</c> gives for a Decimal cast to an integer type.
    /// </summary>
    /// <returns>The wrapped integer part.</returns>
    public long ToInt64Unchecked() => unchecked((long)(ulong)(ToBigInteger() & ulong.MaxValue));

    /// <summary>The text as Java's <c>toPlainString()</c>: never an exponent (<c>1E+3</c> is <c>1000</c>, <c>1E-7</c> is
    /// <c>0.0000001</c>).</summary>
    /// <returns>The text.</returns>
    public string ToPlainString()
    {
        var coefficient = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(coefficient.Length + 8);
        if (Scale < 0)
        {
            // Java 8 and later print a zero of negative scale as "0", not "0000".
            return Unscaled.IsZero ? "0" : sb.Append(Unscaled.Sign < 0 ? "-" : string.Empty).Append(coefficient).Append('0', -Scale).ToString();
        }

        AppendPlain(sb.Append(Unscaled.Sign < 0 ? "-" : string.Empty), coefficient, Scale);
        return sb.ToString();
    }

    /// <summary>
    /// The text as Java's <c>toString()</c>: plain (<c>123.45</c>, <c>0.000001</c>, <c>1.50</c>) when the scale is not
    /// negative and the adjusted exponent (digits - 1 - scale) is at least -6; else scientific with one digit before the
    /// point (<c>1E+3</c>, <c>1.23E-7</c>, <c>0E-10</c>).
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var coefficient = BigInteger.Abs(Unscaled).ToString(CultureInfo.InvariantCulture);
        var adjusted = -(long)Scale + (coefficient.Length - 1);
        var sb = new StringBuilder(coefficient.Length + 14);
        if (Unscaled.Sign < 0)
        {
            sb.Append('-');
        }

        if (Scale >= 0 && adjusted >= -6)
        {
            AppendPlain(sb, coefficient, Scale);
            return sb.ToString();
        }

        sb.Append(coefficient[0]);
        if (coefficient.Length > 1)
        {
            sb.Append('.').Append(coefficient, 1, coefficient.Length - 1);
        }

        if (adjusted != 0)
        {
            sb.Append('E').Append(adjusted > 0 ? "+" : string.Empty).Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(BigDecimal? other) => other is not null && Scale == other.Scale && Unscaled.Equals(other.Unscaled);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BigDecimal other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Unscaled, Scale);

    /// <summary>Numeric order, ignoring the scale (Java's <c>compareTo</c>: <c>2.0</c> and <c>2.00</c> are equal); null
    /// is smaller than any value.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns>Negative, zero or positive as this is smaller, equal or larger.</returns>
    public int CompareTo(BigDecimal? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Sign != other.Sign || Sign == 0)
        {
            return Sign.CompareTo(other.Sign);
        }

        if (Scale == other.Scale)
        {
            return Unscaled.CompareTo(other.Unscaled);
        }

        // Different orders of magnitude decide without aligning (which could mean a power of ten of any size).
        var adjusted = ((long)Precision - Scale).CompareTo((long)other.Precision - other.Scale);
        if (adjusted != 0)
        {
            return Sign * adjusted;
        }

        return Scale < other.Scale
            ? (Unscaled * BigInteger.Pow(10, other.Scale - Scale)).CompareTo(other.Unscaled)
            : Unscaled.CompareTo(other.Unscaled * BigInteger.Pow(10, Scale - other.Scale));
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is null or BigDecimal
        ? CompareTo((BigDecimal?)obj)
        : throw new ArgumentException("Object must be a BigDecimal", nameof(obj));

    private static int Compare(BigDecimal? left, BigDecimal? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static bool TryParseExponent(ReadOnlySpan<char> text, out long exponent)
    {
        exponent = 0;
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        if (i == text.Length)
        {
            return false;
        }

        for (var j = i; j < text.Length; j++)
        {
            if (!char.IsAsciiDigit(text[j]))
            {
                return false;
            }

            exponent = (exponent * 10) + (text[j] - '0');
            if (exponent > int.MaxValue + 1L)
            {
                return false;
            }
        }

        exponent = text[0] == '-' ? -exponent : exponent;
        return exponent is >= int.MinValue and <= int.MaxValue;
    }

    private static BigInteger RoundHalfEven(BigInteger value, int digits)
    {
        if (digits == 0)
        {
            return value;
        }

        var quotient = BigInteger.DivRem(value, BigInteger.Pow(10, digits), out var remainder);
        var twice = BigInteger.Abs(remainder) * 2;
        var half = BigInteger.Pow(10, digits);
        var roundAway = twice > half || (twice == half && !quotient.IsEven);
        return roundAway ? quotient + value.Sign : quotient;
    }

    private static void AppendPlain(StringBuilder sb, string coefficient, int scale)
    {
        if (scale == 0)
        {
            sb.Append(coefficient);
        }
        else if (coefficient.Length > scale)
        {
            sb.Append(coefficient, 0, coefficient.Length - scale).Append('.').Append(coefficient, coefficient.Length - scale, scale);
        }
        else
        {
            sb.Append("0.").Append('0', scale - coefficient.Length).Append(coefficient);
        }
    }

    // Unscaled digits with an exponent, which .NET parses to the correctly rounded binary floating-point value.
    private string ScientificText() =>
        Unscaled.ToString(CultureInfo.InvariantCulture) + "E" + (-(long)Scale).ToString(CultureInfo.InvariantCulture);
}
