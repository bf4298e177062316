using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed class BooleanConverterTests
{
    private const string Topic = "t";

    [Theory]
    [InlineData(true, "01")]
    [InlineData(false, "00")]
    public void FromConnectData_Boolean_WritesOneByte(bool value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(new BooleanConverter().FromConnectData(Topic, null, Schema.Boolean, value)!));
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("00", false)]
    public void ToConnectData_OneByte_ReadsOptionalBoolean(string hex, bool expected)
    {
        var result = new BooleanConverter().ToConnectData(Topic, null, Convert.FromHexString(hex));

        Assert.Equal(Schema.OptionalBoolean, result.Schema);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void FromConnectData_Null_ReturnsNull()
    {
        Assert.Null(new BooleanConverter().FromConnectData(Topic, null, Schema.OptionalBoolean, null));
    }

    [Fact]
    public void ToConnectData_NullBytes_ReturnsOptionalBooleanAndNull()
    {
        Assert.Equal(new SchemaAndValue(Schema.OptionalBoolean, null), new BooleanConverter().ToConnectData(Topic, null, null));
    }

    [Fact]
    public void FromConnectData_NonBooleanSchema_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => new BooleanConverter().FromConnectData(Topic, null, Schema.Int8, true));

        Assert.Equal("Invalid schema type for BooleanConverter: INT8", e.Message);
    }

    [Fact]
    public void FromConnectData_NonBooleanValue_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => new BooleanConverter().FromConnectData(Topic, null, null, 1));

        Assert.Equal("BooleanConverter is not compatible with objects of type System.Int32", e.Message);
    }

    [Theory]
    [InlineData("", "Size of data received by BooleanDeserializer is not 1")]
    [InlineData("0100", "Size of data received by BooleanDeserializer is not 1")]
    [InlineData("02", "Unexpected byte received by BooleanDeserializer: 2")]
    [InlineData("FF", "Unexpected byte received by BooleanDeserializer: -1")]
    public void ToConnectData_InvalidBytes_ThrowsDataException(string hex, string cause)
    {
        var e = Assert.Throws<DataException>(() => new BooleanConverter().ToConnectData(Topic, null, Convert.FromHexString(hex)));

        Assert.Equal("Failed to deserialize boolean: " + cause, e.Message);
    }

    [Fact]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTrips()
    {
        var converter = new BooleanConverter();

        Assert.Equal(true, converter.ToConnectHeader(Topic, "h", converter.FromConnectHeader(Topic, "h", Schema.Boolean, true)).Value);
    }
}
