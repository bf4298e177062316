using System.Numerics;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Tests.Spi;

/// <summary>Text, equality and conversions of <see cref="BigDecimal"/>, against what Java's BigDecimal gives.</summary>
public sealed class BigDecimalTests
{
    // (text read by new BigDecimal(text), its unscaled value, its scale, toString, toPlainString) as Java gives them.
    public static TheoryData<string, string, int, string, string> JavaCases => new()
    {
        { "0", "0", 0, "0", "0" },
        { "-0", "0", 0, "0", "0" },
        { "0.00", "0", 2, "0.00", "0.00" },
        { "0E-10", "0", 10, "0E-10", "0.0000000000" },
        { "0E+3", "0", -3, "0E+3", "0" },
        { "123.45", "12345", 2, "123.45", "123.45" },
        { "+1.50", "150", 2, "1.50", "1.50" },
        { "-0.001", "-1", 3, "-0.001", "-0.001" },
        { "0.000001", "1", 6, "0.000001", "0.000001" },
        { "0.0000001", "1", 7, "1E-7", "0.0000001" },
        { "0.00000012", "12", 8, "1.2E-7", "0.00000012" },
        { "-1.23E-10", "-123", 12, "-1.23E-10", "-0.000000000123" },
        { "1E+3", "1", -3, "1E+3", "1000" },
        { "1e3", "1", -3, "1E+3", "1000" },
        { "12.3E+7", "123", -6, "1.23E+8", "123000000" },
        { "1.2E+1", "12", 0, "12", "12" },
        { "12E-1", "12", 1, "1.2", "1.2" },
        { ".5", "5", 1, "0.5", "0.5" },
        { "5.", "5", 0, "5", "5" },
        { "1234567890123456789012345678.9012345678", "12345678901234567890123456789012345678", 10, "1234567890123456789012345678.9012345678", "1234567890123456789012345678.9012345678" },
        { "999999999999999999999999999999999999999999999999999999999999", "999999999999999999999999999999999999999999999999999999999999", 0, "999999999999999999999999999999999999999999999999999999999999", "999999999999999999999999999999999999999999999999999999999999" },
    };

    [Theory]
    [MemberData(nameof(JavaCases))]
    public void Parse_JavaSyntax_ReadsUnscaledAndScale(string text, string unscaled, int scale, string javaToString, string javaPlain)
    {
        var value = BigDecimal.Parse(text);

        Assert.Equal(BigInteger.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), value.Unscaled);
        Assert.Equal(scale, value.Scale);
        Assert.Equal(javaToString, value.ToString());
        Assert.Equal(javaPlain, value.ToPlainString());
    }

    [Theory]
    [MemberData(nameof(JavaCases))]
    public void ToString_ParsedBack_IsTheSameValue(string text, string unscaled, int scale, string javaToString, string javaPlain)
    {
        _ = (text, unscaled, javaPlain);
        var value = BigDecimal.Parse(javaToString);

        Assert.Equal(scale, value.Scale);
        Assert.Equal(BigDecimal.Parse(text), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1E2147483648")]
    [InlineData("1E-2147483648")]
    public void TryParse_NotJavaSyntax_ReturnsFalse(string text)
    {
        Assert.False(BigDecimal.TryParse(text, out var value));
        Assert.Null(value);
        Assert.Throws<FormatException>(() => BigDecimal.Parse(text));
    }

    [Fact]
    public void TryParse_ExtremeExponent_KeepsTheScale()
    {
        Assert.True(BigDecimal.TryParse("1E-2147483647", out var tiny));
        Assert.Equal(int.MaxValue, tiny.Scale);
        Assert.Equal(0d, (double)tiny);
    }

    [Fact]
    public void Equals_SameValueOtherScale_DiffersAsJavaEquals()
    {
        var a = BigDecimal.Parse("2.0");
        var b = BigDecimal.Parse("2.00");

        Assert.NotEqual(a, b);
        Assert.False(a == b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.True(a <= b && a >= b);
        Assert.Equal(BigDecimal.Parse("2.0"), a);
        Assert.Equal(BigDecimal.Parse("2.0").GetHashCode(), a.GetHashCode());
    }

    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("-1", "-2", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("0E+5", "0.000", 0)]
    [InlineData("1E+100", "99999999999999999999", 1)]
    [InlineData("1E-100", "0.0000001", -1)]
    [InlineData("-1E-100", "-0.0000001", 1)]
    [InlineData("12.5", "1.25E+1", 0)]
    [InlineData("12.51", "1.25E+1", 1)]
    public void CompareTo_TwoValues_OrdersNumerically(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(BigDecimal.Parse(left).CompareTo(BigDecimal.Parse(right))));
        Assert.Equal(-expected, Math.Sign(BigDecimal.Parse(right).CompareTo(BigDecimal.Parse(left))));
    }

    [Fact]
    public void ImplicitFromDecimal_KeepsTheDecimalsScale()
    {
        BigDecimal value = -1.50m;

        Assert.Equal(new BigDecimal(-150, 2), value);
        Assert.Equal(new BigDecimal(new BigInteger(decimal.MaxValue), 0), (BigDecimal)decimal.MaxValue);
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("1E+3", "1000")]
    [InlineData("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("0.00000000000000000000000000015", "0.0000000000000000000000000002")]
    [InlineData("1234567890123456789012345678.9012345678", "1234567890123456789012345678.9")]
    [InlineData("2.5000000000000000000000000000005", "2.5000000000000000000000000000")]
    public void ExplicitToDecimal_Value_IsExactOrRoundedHalfEven(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), (decimal)BigDecimal.Parse(text));
    }

    [Theory]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1E+29")]
    public void ExplicitToDecimal_BeyondDecimalRange_ThrowsOverflowException(string text)
    {
        Assert.Throws<OverflowException>(() => (decimal)BigDecimal.Parse(text));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("1234567890123456789012345678.9012345678", 1.2345678901234569e27)]
    [InlineData("1E+400", double.PositiveInfinity)]
    [InlineData("-1E+400", double.NegativeInfinity)]
    [InlineData("1E-400", 0d)]
    public void ExplicitToDouble_Value_IsCorrectlyRounded(string text, double expected)
    {
        Assert.Equal(expected, (double)BigDecimal.Parse(text));
    }

    [Theory]
    [InlineData("1.50", 4, "1.5000")]
    [InlineData("1.50", 1, "1.5")]
    [InlineData("1E+3", 0, "1000")]
    [InlineData("1000", -3, "1E+3")]
    [InlineData("0.000", -5, "0E+5")]
    public void TryRescale_NoDigitLost_ReturnsTheValueAtTheNewScale(string text, int scale, string expected)
    {
        Assert.True(BigDecimal.Parse(text).TryRescale(scale, out var rescaled));
        Assert.Equal(expected, rescaled.ToString());
        Assert.Equal(scale, rescaled.Scale);
    }

    [Theory]
    [InlineData("1.55", 1)]
    [InlineData("1001", -1)]
    [InlineData("1E-999999999", 0)]
    public void TryRescale_NonZeroDigitDropped_ReturnsFalse(string text, int scale)
    {
        Assert.False(BigDecimal.Parse(text).TryRescale(scale, out _));
        Assert.Throws<ArithmeticException>(() => BigDecimal.Parse(text).Rescale(scale));
    }

    [Theory]
    [InlineData("1.99", 1L)]
    [InlineData("-1.99", -1L)]
    [InlineData("1E+3", 1000L)]
    [InlineData("18446744073709551616", 0L)]
    [InlineData("18446744073709551617.5", 1L)]
    [InlineData("9223372036854775808", long.MinValue)]
    public void ToInt64Unchecked_Value_TruncatesAndWrapsAsJavaLongValue(string text, long expected)
    {
        Assert.Equal(expected, BigDecimal.Parse(text).ToInt64Unchecked());
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0.00", 1)]
    [InlineData("-123.45", 5)]
    [InlineData("1E+3", 1)]
    public void Precision_Value_CountsUnscaledDigits(string text, int expected)
    {
        Assert.Equal(expected, BigDecimal.Parse(text).Precision);
    }
}
