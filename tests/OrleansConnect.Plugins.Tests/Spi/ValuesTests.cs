using OrleansConnect.Plugins.Data;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Tests.Spi;

/// <summary>How <see cref="Values"/> writes and infers numbers, Decimals included, as Kafka's Values.</summary>
public sealed class ValuesTests
{
    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("1E+3", "1E+3")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("1234567890123456789012345678.9012345678", "1234567890123456789012345678.9012345678")]
    public void ConvertToString_BigDecimal_WritesJavasToString(string value, string expected)
    {
        Assert.Equal(expected, Values.ConvertToString(BigDecimal.Parse(value)));
        Assert.Equal("[" + expected + "]", Values.ConvertToString(new List<object?> { BigDecimal.Parse(value) }));
    }

    [Theory]
    [InlineData("12", "Int8")]
    [InlineData("2.0", "Int8")]
    [InlineData("1E+3", "Int16")]
    [InlineData("+70000", "Int32")]
    [InlineData("9223372036854775807", "Int64")]
    [InlineData("1.5", "Float32")]
    [InlineData("1E+30", "Float32")]
    [InlineData("1.5E+300", "Float64")]
    public void ParseString_Number_InfersTheSmallestExactType(string text, string expected)
    {
        Assert.Equal(expected, Values.ParseString(text).Schema!.Type.ToString());
    }

    [Theory]
    [InlineData("9223372036854775808", 0)]
    [InlineData("123456789012345678901234567890", 0)]
    [InlineData("1E+400", -400)]
    [InlineData("1.5E+400", -399)]
    public void ParseString_BeyondLongAndDouble_IsADecimalOfTheTextsScale(string text, int scale)
    {
        var result = Values.ParseString(text);

        Assert.Equal(ConnectDecimal.Schema(scale), result.Schema);
        Assert.Equal(BigDecimal.Parse(text), result.Value);
    }
}
