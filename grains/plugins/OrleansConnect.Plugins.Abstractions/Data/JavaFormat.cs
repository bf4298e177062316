using System.Globalization;
using System.Text;

namespace OrleansConnect.Plugins.Data;

/// <summary>
/// Formats floating-point numbers the way Java's <c>Double.toString</c>/<c>Float.toString</c> do (<c>1.0</c>, <c>1.0E20</c>,
/// <c>1.0E-5</c>), because Jackson writes JSON numbers and Kafka's <c>Values</c> writes header strings that way.
/// </summary>
internal static class JavaFormat
{
    public static string Double(double value) =>
        double.IsFinite(value) ? Format(value.ToString("R", CultureInfo.InvariantCulture), value, Math.Abs(value)) : NonFinite(value);

    public static string Float(float value) =>
        float.IsFinite(value) ? Format(value.ToString("R", CultureInfo.InvariantCulture), value, Math.Abs(value)) : NonFinite(value);

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    // Re-lays out .NET's shortest round-trip digits: plain notation for 1e-3 <= |v| < 1e7, else d.dddE[-]n (Java's rule).
    private static string Format(string roundTrip, double value, double magnitude)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = pointAt < 0 ? mantissa : mantissa[..pointAt];
        var allDigits = pointAt < 0 ? mantissa : integerPart + mantissa[(pointAt + 1)..];
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        var sb = new StringBuilder(negative || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty);
        if (digits.Length == 0)
        {
            return sb.Append("0.0").ToString();
        }

        // value = 0.<digits> x 10^point
        var point = integerPart.Length - leadingZeros + exponent;
        if (magnitude is >= 1e-3 and < 1e7)
        {
            if (point <= 0)
            {
                sb.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                sb.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits[1..] : "0")
                .Append('E').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
