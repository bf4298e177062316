using System.Numerics;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Tests.Spi;

/// <summary>The Decimal logical type's bytes: big-endian two's complement of the unscaled value, shortest form.</summary>
public sealed class DecimalTests
{
    // Hand-computed: 128 needs a leading 00 to stay positive; -129 is 0xFF7F; the 38- and 60-digit ones are the
    // unscaled integers in base 256 (60 nines: 0x9F4F...FF with a 00 sign byte in front).
    public static TheoryData<string, int, string> Vectors => new()
    {
        { "0", 0, "00" },
        { "0.00", 2, "00" },
        { "1", 0, "01" },
        { "127", 0, "7F" },
        { "128", 0, "0080" },
        { "255", 0, "00FF" },
        { "-1", 0, "FF" },
        { "-128", 0, "80" },
        { "-129", 0, "FF7F" },
        { "1.56", 2, "009C" },
        { "-1.56", 2, "FF64" },
        { "1234567890123456789012345678.9012345678", 10, "0949B0F6F0023313C4499050DE38F34E" },
        { "-9999999999999999999999999999.9999999999", 10, "B4C4B357A5793B85F675DDC000000001" },
        { "999999999999999999999999999999999999999999999999999999999999", 0, "009F4F2726179A224501D762422C946590D90FFFFFFFFFFFFFFF" },
        { "-100000000000000000000000000000000000000000000000000000000000", 0, "F011AF48FDA3C95F7FD0DC92FB8AC2A4B71800000000000000" },
        { "1.2E+4", -3, "0C" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void FromLogical_Value_WritesTwosComplementOfTheUnscaledValue(string value, int scale, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(ConnectDecimal.FromLogical(ConnectDecimal.Schema(scale), BigDecimal.Parse(value))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ToLogical_Bytes_ReadsTheValueAtTheSchemasScale(string value, int scale, string hex)
    {
        var result = ConnectDecimal.ToLogical(ConnectDecimal.Schema(scale), Convert.FromHexString(hex));

        Assert.Equal(scale, result.Scale);
        Assert.Equal(0, BigDecimal.Parse(value).CompareTo(result));
    }

    [Fact]
    public void ToLogical_NonMinimalBytes_ReadsTheSameValue()
    {
        Assert.Equal(new BigDecimal(-1, 0), ConnectDecimal.ToLogical(ConnectDecimal.Schema(0), [0xFF, 0xFF, 0xFF]));
        Assert.Equal(new BigDecimal(1, 0), ConnectDecimal.ToLogical(ConnectDecimal.Schema(0), [0x00, 0x00, 0x01]));
    }

    [Fact]
    public void ToLogical_NoBytes_ThrowsDataException()
    {
        Assert.Throws<DataException>(() => ConnectDecimal.ToLogical(ConnectDecimal.Schema(2), []));
    }

    [Fact]
    public void FromLogical_SmallerScaleWithoutLoss_RescalesToTheSchema()
    {
        var bytes = ConnectDecimal.FromLogical(ConnectDecimal.Schema(2), BigDecimal.Parse("1.5"));

        Assert.Equal(new BigInteger(150), new BigInteger(bytes, isUnsigned: false, isBigEndian: true));
    }

    [Fact]
    public void FromLogical_MoreDigitsThanTheScale_ThrowsDataExceptionNamingBothScales()
    {
        var e = Assert.Throws<DataException>(() => ConnectDecimal.FromLogical(ConnectDecimal.Schema(1), BigDecimal.Parse("1.55")));

        Assert.Equal("Decimal value has mismatching scale for given Decimal schema. Schema has scale 1, value has scale 2.", e.Message);
    }

    [Fact]
    public void Scale_SchemaWithoutScale_ThrowsDataException()
    {
        var schema = SchemaBuilder.Bytes().Name(ConnectDecimal.LogicalName).Build();

        Assert.Throws<DataException>(() => ConnectDecimal.Scale(schema));
    }

    [Fact]
    public void Struct_DecimalFieldWithDotNetDecimal_IsRejectedAsKafkaRejectsANonBigDecimal()
    {
        var schema = SchemaBuilder.Struct().Field("d", ConnectDecimal.Schema(2)).Build();

        Assert.Throws<DataException>(() => new Struct(schema).Put("d", 1.50m));
        Assert.Equal(new BigDecimal(150, 2), new Struct(schema).Put("d", new BigDecimal(150, 2)).Get("d"));
    }
}
