using System.Buffers.Binary;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Jdbc.Numeric;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>PostgreSQL's binary numeric (numeric_send): digit count, weight, sign, display scale, base-10000 digits.</summary>
public sealed class NumericWireTests
{
    // Hand-computed from numeric_send: 1234.5678 is the digits 1234 and 5678 with weight 0; 0.001 is the digit 0010 at
    // weight -1; 10000 is the digit 1 at weight 1 (the trailing zero digit left out).
    [Theory]
    [InlineData("1234.5678", "0002000000000004" + "04D2162E")]
    [InlineData("-1234.5678", "0002000040000004" + "04D2162E")]
    [InlineData("0.001", "0001FFFF00000003" + "000A")]
    [InlineData("10000", "0001000100000000" + "0001")]
    [InlineData("1E+3", "0001000000000000" + "03E8")]
    [InlineData("0.00", "0000000000000002")]
    [InlineData("0", "0000000000000000")]
    public void Encode_Value_WritesNumericSend(string value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(NumericWire.Encode(BigDecimal.Parse(value))));
    }

    [Theory]
    [InlineData("1234.5678")]
    [InlineData("-0.000001")]
    [InlineData("0.0000000001")]
    [InlineData("0E-10")]
    [InlineData("1234567890123456789012345678.9012345678")]
    [InlineData("-100000000000000000000000000000000000000000000000000000000000")]
    [InlineData("12345678901234567890123456789012345678901234567890.123456789")]
    [InlineData("99999.99999")]
    public void Decode_EncodedValue_IsTheSameValueAndScale(string value)
    {
        var expected = BigDecimal.Parse(value);

        Assert.Equal(expected, Decode(NumericWire.Encode(expected)).ToBigDecimal());
    }

    [Theory]
    [InlineData(0xC000, "NaN")]
    [InlineData(0xD000, "Infinity")]
    [InlineData(0xF000, "-Infinity")]
    public void Decode_SpecialValue_IsADoubleButNoDecimal(int sign, string text)
    {
        var numeric = NumericWire.Decode(0, 0, (ushort)sign, 0, []);

        Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), numeric.ToDouble());
        var e = Assert.Throws<InvalidCastException>(() => numeric.ToBigDecimal());
        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    private static PostgresNumeric Decode(byte[] bytes)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(bytes);
        var digits = new short[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(NumericWire.HeaderBytes + (2 * i)));
        }

        return NumericWire.Decode(count, BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(2)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4)),
            BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(6)), digits);
    }
}
