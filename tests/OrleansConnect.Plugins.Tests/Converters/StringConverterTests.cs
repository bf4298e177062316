using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed class StringConverterTests
{
    private const string Topic = "t";

    [Fact]
    public void FromConnectData_String_EncodesUtf8ByDefault()
    {
        var bytes = new StringConverter().FromConnectData(Topic, null, Schema.String, "héllo");

        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), bytes);
    }

    [Fact]
    public void ToConnectData_Bytes_ReturnsOptionalString()
    {
        var result = new StringConverter().ToConnectData(Topic, null, Encoding.UTF8.GetBytes("héllo"));

        Assert.Equal(new SchemaAndValue(Schema.OptionalString, "héllo"), result);
    }

    [Fact]
    public void ToConnectData_NullBytes_ReturnsOptionalStringSchemaWithNullValue()
    {
        Assert.Equal(new SchemaAndValue(Schema.OptionalString, null), new StringConverter().ToConnectData(Topic, null, null));
    }

    [Fact]
    public void FromConnectData_Null_ReturnsNull()
    {
        Assert.Null(new StringConverter().FromConnectData(Topic, null, Schema.OptionalString, null));
    }

    [Theory]
    [InlineData(42, "42")]
    [InlineData(-7L, "-7")]
    [InlineData(1.0, "1.0")]
    [InlineData(2.5f, "2.5")]
    [InlineData(true, "true")]
    public void FromConnectData_Primitive_WritesInvariantJavaLikeText(object value, string expected)
    {
        var bytes = new StringConverter().FromConnectData(Topic, null, null, value);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_ByteArray_PassesThrough()
    {
        byte[] raw = [0xFF, 0x00, 0x41];

        Assert.Equal(raw, new StringConverter().FromConnectData(Topic, null, Schema.Bytes, raw));
    }

    [Fact]
    public void Configure_ConverterEncoding_AppliesToBothDirections()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string> { [StringConverter.EncodingConfig] = "ISO-8859-1" }, isKey: true);

        var bytes = converter.FromConnectData(Topic, null, null, "é");
        var back = converter.ToConnectData(Topic, null, bytes);

        Assert.Equal(new byte[] { 0xE9 }, bytes);
        Assert.Equal("é", back.Value);
    }

    [Fact]
    public void Configure_SerializerEncodingWithoutConverterEncoding_AppliesToWritingOnly()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string> { [StringConverter.SerializerEncodingConfig] = "UTF-16LE" }, isKey: false);

        Assert.Equal(new byte[] { 0x41, 0x00 }, converter.FromConnectData(Topic, null, null, "A"));
        Assert.Equal("A", converter.ToConnectData(Topic, null, [0x41]).Value);
    }

    [Fact]
    public void Configure_ConverterEncoding_WinsOverSerializerEncoding()
    {
        var converter = new StringConverter();
        converter.Configure(
            new Dictionary<string, string> { [StringConverter.EncodingConfig] = "UTF8", [StringConverter.SerializerEncodingConfig] = "UTF-16LE" },
            isKey: false);

        Assert.Equal(new byte[] { 0x41 }, converter.FromConnectData(Topic, null, null, "A"));
    }

    [Fact]
    public void Configure_UnknownEncoding_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => new StringConverter().Configure(new Dictionary<string, string> { [StringConverter.EncodingConfig] = "NOPE-42" }, isKey: false));

        Assert.Equal(StringConverter.EncodingConfig, e.Name);
    }

    [Fact]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTrips()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string>());

        var result = converter.ToConnectHeader(Topic, "h", converter.FromConnectHeader(Topic, "h", Schema.String, "v"));

        Assert.Equal(new SchemaAndValue(Schema.OptionalString, "v"), result);
    }
}
