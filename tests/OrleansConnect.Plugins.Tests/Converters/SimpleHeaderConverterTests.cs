using System.Text;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed class SimpleHeaderConverterTests
{
    private const string Topic = "t";
    private const string Key = "h";

    private static readonly Dictionary<string, SchemaAndValue> Inferred = new()
    {
        ["true"] = new(Schema.Boolean, true),
        ["false"] = new(Schema.Boolean, false),
        ["42"] = new(Schema.Int8, (sbyte)42),
        ["-128"] = new(Schema.Int8, (sbyte)-128),
        ["300"] = new(Schema.Int16, (short)300),
        ["70000"] = new(Schema.Int32, 70000),
        ["5000000000"] = new(Schema.Int64, 5_000_000_000L),
        ["2.0"] = new(Schema.Int8, (sbyte)2),
        ["1.5"] = new(Schema.Float32, 1.5f),
        ["-0.25"] = new(Schema.Float32, -0.25f),
        ["1.0E300"] = new(Schema.Float64, 1e300),
        ["hello"] = new(Schema.String, "hello"),
        ["hello world"] = new(Schema.String, "hello world"),
        ["true}"] = new(Schema.String, "true}"),
        [""] = new(Schema.String, string.Empty),
        ["[a,b]"] = new(Schema.String, "[a,b]"),
        ["[1,2"] = new(Schema.String, "[1,2"),
        ["2024-02-29"] = new(Date.Schema, new DateOnly(2024, 2, 29)),
        ["13:14:15.167Z"] = new(Time.Schema, new TimeOnly(13, 14, 15, 167)),
        ["2024-02-29T13:14:15.167Z"] = new(Timestamp.Schema, new DateTimeOffset(2024, 2, 29, 13, 14, 15, 167, TimeSpan.Zero)),
    };

    public static TheoryData<string> InferredTexts => [.. Inferred.Keys];

    [Theory]
    [MemberData(nameof(InferredTexts))]
    public void ToConnectHeader_ScalarText_InfersKafkaSchema(string text)
    {
        var result = new SimpleHeaderConverter().ToConnectHeader(Topic, Key, Encoding.UTF8.GetBytes(text));

        Assert.Equal(Inferred[text], result);
    }

    [Fact]
    public void ToConnectHeader_NullText_ReturnsNull()
    {
        Assert.Equal(SchemaAndValue.Null, new SimpleHeaderConverter().ToConnectHeader(Topic, Key, "null"u8.ToArray()));
    }

    [Fact]
    public void ToConnectHeader_NullBytes_ReturnsNull()
    {
        Assert.Equal(SchemaAndValue.Null, new SimpleHeaderConverter().ToConnectHeader(Topic, Key, null));
    }

    [Fact]
    public void ToConnectHeader_IntegerArray_InfersWidenedElementSchema()
    {
        var result = new SimpleHeaderConverter().ToConnectHeader(Topic, Key, "[1, 300, 2]"u8.ToArray());

        Assert.Equal(SchemaBuilder.Array(Schema.Int16).Build(), result.Schema);
        Assert.Equal(new List<object?> { (short)1, (short)300, (short)2 }, result.Value);
    }

    [Fact]
    public void ToConnectHeader_StringMap_InfersMapSchema()
    {
        var result = new SimpleHeaderConverter().ToConnectHeader(Topic, Key, """{"a":1,"b":"x\"y"}"""u8.ToArray());

        Assert.Null(result.Schema);
        var map = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal((sbyte)1, map["a"]);
        Assert.Equal("x\"y", map["b"]);
    }

    [Fact]
    public void ToConnectHeader_UniformMap_InfersKeyAndValueSchemas()
    {
        var result = new SimpleHeaderConverter().ToConnectHeader(Topic, Key, """{"a":1.5,"b":2}"""u8.ToArray());

        Assert.Equal(SchemaBuilder.Map(Schema.String, Schema.Float32).Build(), result.Schema);
        Assert.True(ValueEquality.DeepEquals(new Dictionary<string, object?> { ["a"] = 1.5f, ["b"] = 2f }, result.Value));
    }

    [Fact]
    public void ToConnectHeader_MixedArray_ReturnsSchemalessList()
    {
        var result = new SimpleHeaderConverter().ToConnectHeader(Topic, Key, """[1,"a",null]"""u8.ToArray());

        Assert.Null(result.Schema);
        Assert.Equal(new List<object?> { (sbyte)1, "a", null }, result.Value);
    }

    [Theory]
    [InlineData("s", "s")]
    [InlineData(true, "true")]
    [InlineData(42, "42")]
    [InlineData(1.0, "1.0")]
    [InlineData(1e20, "1.0E20")]
    public void FromConnectHeader_Scalar_WritesKafkaText(object value, string expected)
    {
        var bytes = new SimpleHeaderConverter().FromConnectHeader(Topic, Key, null, value);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectHeader_Null_ReturnsNull()
    {
        Assert.Null(new SimpleHeaderConverter().FromConnectHeader(Topic, Key, Schema.OptionalString, null));
    }

    [Fact]
    public void FromConnectHeader_Struct_WritesQuotedMapThatReadsBackAsMap()
    {
        var schema = SchemaBuilder.Struct().Field("name", Schema.String).Field("n", Schema.Int32).Field("tags", SchemaBuilder.Array(Schema.String).Build()).Build();
        var value = new Struct(schema).Put("name", "a \"b\"").Put("n", 5).Put("tags", new List<object?> { "x", "y" });
        var converter = new SimpleHeaderConverter();

        var bytes = converter.FromConnectHeader(Topic, Key, schema, value);
        var back = converter.ToConnectHeader(Topic, Key, bytes);

        Assert.Equal("""{"name":"a \"b\"","n":5,"tags":["x","y"]}""", Encoding.UTF8.GetString(bytes!));
        var map = Assert.IsType<Dictionary<string, object?>>(back.Value);
        Assert.Equal("a \"b\"", map["name"]);
        Assert.Equal((sbyte)5, map["n"]);
        Assert.Equal(new List<object?> { "x", "y" }, map["tags"]);
    }

    [Fact]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTripsTemporalValues()
    {
        var converter = new SimpleHeaderConverter();
        var instant = new DateTimeOffset(2024, 2, 29, 13, 14, 15, 167, TimeSpan.Zero);

        var scalar = converter.ToConnectHeader(Topic, Key, converter.FromConnectHeader(Topic, Key, Timestamp.Schema, instant));
        var list = converter.ToConnectHeader(Topic, Key, converter.FromConnectHeader(Topic, Key, null, new List<object?> { new TimeOnly(1, 2, 3) }));

        Assert.Equal(new SchemaAndValue(Timestamp.Schema, instant), scalar);
        Assert.Equal(SchemaBuilder.Array(Time.Schema).Build(), list.Schema);
        Assert.Equal(new List<object?> { new TimeOnly(1, 2, 3) }, list.Value);
    }

    [Fact]
    public void FromConnectHeader_Bytes_WritesBase64()
    {
        var bytes = new SimpleHeaderConverter().FromConnectHeader(Topic, Key, Schema.Bytes, new byte[] { 0x30, 0x39 });

        Assert.Equal("MDk=", Encoding.UTF8.GetString(bytes!));
    }
}
