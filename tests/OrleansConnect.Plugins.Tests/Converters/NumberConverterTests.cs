using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed class NumberConverterTests
{
    private const string Topic = "t";

    // The bytes are those of Kafka's ShortSerializer, IntegerSerializer, LongSerializer, FloatSerializer and DoubleSerializer.
    private static readonly Dictionary<string, (Func<NumberConverter> Create, Schema Schema, object Value, string Hex)> Cases = new()
    {
        ["short"] = (() => new ShortConverter(), Schema.OptionalInt16, (short)-2, "FFFE"),
        ["short-max"] = (() => new ShortConverter(), Schema.OptionalInt16, short.MaxValue, "7FFF"),
        ["integer"] = (() => new IntegerConverter(), Schema.OptionalInt32, 42, "0000002A"),
        ["integer-min"] = (() => new IntegerConverter(), Schema.OptionalInt32, int.MinValue, "80000000"),
        ["long"] = (() => new LongConverter(), Schema.OptionalInt64, 1_700_000_000_000L, "0000018BCFE56800"),
        ["long-negative"] = (() => new LongConverter(), Schema.OptionalInt64, -1L, "FFFFFFFFFFFFFFFF"),
        ["float"] = (() => new FloatConverter(), Schema.OptionalFloat32, 1.0f, "3F800000"),
        ["float-negative"] = (() => new FloatConverter(), Schema.OptionalFloat32, -2.5f, "C0200000"),
        ["float-java-nan"] = (() => new FloatConverter(), Schema.OptionalFloat32, BitConverter.Int32BitsToSingle(0x7FC00000), "7FC00000"),
        ["double"] = (() => new DoubleConverter(), Schema.OptionalFloat64, 1.0, "3FF0000000000000"),
        ["double-fraction"] = (() => new DoubleConverter(), Schema.OptionalFloat64, 0.1, "3FB999999999999A"),
        ["double-infinity"] = (() => new DoubleConverter(), Schema.OptionalFloat64, double.PositiveInfinity, "7FF0000000000000"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public static TheoryData<string> ConverterNames => ["short", "integer", "long", "float", "double"];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromConnectData_Number_WritesKafkaSerializerBytes(string name)
    {
        var (create, schema, value, hex) = Cases[name];

        Assert.Equal(hex, Convert.ToHexString(create().FromConnectData(Topic, null, schema, value)!));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ToConnectData_KafkaBytes_ReadsOptionalSchemaAndValue(string name)
    {
        var (create, schema, value, hex) = Cases[name];

        var result = create().ToConnectData(Topic, null, Convert.FromHexString(hex));

        Assert.Equal(schema, result.Schema);
        Assert.Equal(value, result.Value);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTrips(string name)
    {
        var (create, schema, value, _) = Cases[name];
        var converter = create();
        converter.Configure(new Dictionary<string, string>());

        var result = converter.ToConnectHeader(Topic, "h", converter.FromConnectHeader(Topic, "h", schema, value));

        Assert.Equal(schema, result.Schema);
        Assert.Equal(value, result.Value);
    }

    [Theory]
    [MemberData(nameof(ConverterNames))]
    public void FromConnectData_Null_ReturnsNull(string name)
    {
        Assert.Null(Cases[name].Create().FromConnectData(Topic, null, Cases[name].Schema, null));
    }

    [Theory]
    [MemberData(nameof(ConverterNames))]
    public void ToConnectData_NullBytes_ReturnsOptionalSchemaAndNull(string name)
    {
        var result = Cases[name].Create().ToConnectData(Topic, null, null);

        Assert.Equal(Cases[name].Schema, result.Schema);
        Assert.Null(result.Value);
    }

    [Theory]
    [MemberData(nameof(ConverterNames))]
    public void FromConnectData_ValueOfAnotherType_ThrowsDataException(string name)
    {
        var e = Assert.Throws<DataException>(() => Cases[name].Create().FromConnectData(Topic, null, null, "42"));

        Assert.Equal($"Failed to serialize to {name} (was System.String): ", e.Message);
    }

    [Fact]
    public void FromConnectData_IntForLongConverter_ThrowsDataExceptionLikeJavasCast()
    {
        Assert.Throws<DataException>(() => new LongConverter().FromConnectData(Topic, null, Schema.Int64, 42));
    }

    [Fact]
    public void FromConnectData_SchemaOfAnotherType_IsIgnoredAsInKafka()
    {
        Assert.Equal("0000002A", Convert.ToHexString(new IntegerConverter().FromConnectData(Topic, null, Schema.String, 42)!));
    }

    [Theory]
    [InlineData("short", "ShortDeserializer", 2)]
    [InlineData("integer", "IntegerDeserializer", 4)]
    [InlineData("long", "LongDeserializer", 8)]
    [InlineData("float", "Deserializer", 4)]
    [InlineData("double", "Deserializer", 8)]
    public void ToConnectData_WrongSize_ThrowsDataExceptionWithKafkasMessage(string name, string deserializer, int size)
    {
        var e = Assert.Throws<DataException>(() => Cases[name].Create().ToConnectData(Topic, null, new byte[size + 1]));

        Assert.Equal($"Failed to deserialize {name}: Size of data received by {deserializer} is not {size}", e.Message);
    }

    [Fact]
    public void Configure_InvalidConverterType_ThrowsConfigException()
    {
        Assert.Throws<ConfigException>(() => new IntegerConverter().Configure(new Dictionary<string, string> { ["converter.type"] = "side" }, isKey: false));
    }
}
