using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed class ByteArrayConverterTests
{
    private const string Topic = "t";

    [Fact]
    public void FromConnectData_Bytes_PassesThroughUnchanged()
    {
        byte[] raw = [1, 2, 3];

        Assert.Same(raw, new ByteArrayConverter().FromConnectData(Topic, null, Schema.Bytes, raw));
    }

    [Fact]
    public void FromConnectData_NoSchema_PassesThrough()
    {
        Assert.Equal(new byte[] { 9 }, new ByteArrayConverter().FromConnectData(Topic, null, null, new byte[] { 9 }));
    }

    [Fact]
    public void FromConnectData_ReadOnlyMemory_CopiesBytes()
    {
        Assert.Equal(new byte[] { 2, 3 }, new ByteArrayConverter().FromConnectData(Topic, null, null, new ReadOnlyMemory<byte>([1, 2, 3], 1, 2)));
    }

    [Fact]
    public void FromConnectData_ArraySegment_CopiesTheSegment()
    {
        Assert.Equal(new byte[] { 2, 3 }, new ByteArrayConverter().FromConnectData(Topic, null, Schema.Bytes, new ArraySegment<byte>([1, 2, 3, 4], 1, 2)));
    }

    [Fact]
    public void FromConnectData_Null_ReturnsNull()
    {
        Assert.Null(new ByteArrayConverter().FromConnectData(Topic, null, Schema.OptionalBytes, null));
    }

    [Fact]
    public void FromConnectData_NonBytesSchema_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => new ByteArrayConverter().FromConnectData(Topic, null, Schema.String, new byte[] { 1 }));

        Assert.Equal("Invalid schema type for ByteArrayConverter: STRING", e.Message);
    }

    [Fact]
    public void FromConnectData_NonBytesValue_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => new ByteArrayConverter().FromConnectData(Topic, null, null, "text"));

        Assert.StartsWith("ByteArrayConverter is not compatible with objects of type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectData_Bytes_ReturnsOptionalBytes()
    {
        byte[] raw = [4, 5];

        var result = new ByteArrayConverter().ToConnectData(Topic, null, raw);

        Assert.Equal(Schema.OptionalBytes, result.Schema);
        Assert.Same(raw, result.Value);
    }

    [Fact]
    public void ToConnectData_Null_ReturnsOptionalBytesWithNull()
    {
        Assert.Equal(new SchemaAndValue(Schema.OptionalBytes, null), new ByteArrayConverter().ToConnectData(Topic, null, null));
    }

    [Fact]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTrips()
    {
        var converter = new ByteArrayConverter();
        converter.Configure(new Dictionary<string, string>());

        var result = converter.ToConnectHeader(Topic, "h", converter.FromConnectHeader(Topic, "h", Schema.Bytes, new byte[] { 7 }));

        Assert.Equal(new byte[] { 7 }, result.Value);
    }
}
