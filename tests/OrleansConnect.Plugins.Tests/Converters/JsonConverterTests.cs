using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Tests.Converters;

public sealed partial class JsonConverterTests
{
    private const string Topic = "orders";

    private static readonly Schema PointSchema = SchemaBuilder.Struct().Name("com.acme.Point")
        .Field("x", Schema.Int32)
        .Field("y", Schema.OptionalInt32)
        .Build();

    private static readonly Schema OrderSchema = SchemaBuilder.Struct().Name("com.acme.Order").Version(1)
        .Field("id", Schema.Int64)
        .Field("note", Schema.OptionalString)
        .Field("amount", ConnectDecimal.Schema(2))
        .Field("ts", Timestamp.Schema)
        .Field("tags", SchemaBuilder.Array(Schema.String).Optional().Build())
        .Field("counts", SchemaBuilder.Map(Schema.String, Schema.Int32).Optional().Build())
        .Build();

    private static readonly Dictionary<string, (Schema Schema, object? Value)> Cases = new()
    {
        ["int8"] = (Schema.Int8, (sbyte)-8),
        ["int16"] = (Schema.Int16, (short)1600),
        ["int32"] = (Schema.Int32, 320_000),
        ["int64"] = (Schema.Int64, 64_000_000_000L),
        ["float32"] = (Schema.Float32, 3.25f),
        ["float64"] = (Schema.Float64, 0.1),
        ["float64-huge"] = (Schema.Float64, 1e300),
        ["boolean"] = (Schema.Boolean, true),
        ["string"] = (Schema.String, "héllo \"wörld\" \u2603 \U0001F600"),
        ["bytes"] = (Schema.Bytes, new byte[] { 0, 1, 2, 254, 255 }),
        ["optional-null"] = (Schema.OptionalString, null),
        ["optional-int-null"] = (Schema.OptionalInt64, null),
        ["default"] = (SchemaBuilder.Int32().Optional().DefaultValue(7).Build(), 7),
        ["doc-and-parameters"] = (SchemaBuilder.String().Doc("a note").Parameter("p", "v").Name("n").Version(3).Build(), "x"),
        ["array"] = (SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1, 2, 3 }),
        ["array-optional-elements"] = (SchemaBuilder.Array(Schema.OptionalString).Build(), new List<object?> { "a", null }),
        ["map-string-keys"] = (SchemaBuilder.Map(Schema.String, Schema.Int64).Build(), new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 2L }),
        ["map-int-keys"] = (SchemaBuilder.Map(Schema.Int32, Schema.String).Build(), new Dictionary<object, object?> { [1] = "one", [2] = "two" }),
        ["struct"] = (PointSchema, new Struct(PointSchema).Put("x", 1).Put("y", null)),
        ["nested-struct"] = (NestedSchema(), NestedValue()),
        ["decimal"] = (ConnectDecimal.Schema(2), BigDecimal.Parse("123.45")),
        ["decimal-negative"] = (ConnectDecimal.Schema(3), BigDecimal.Parse("-0.001")),
        ["decimal-38-digits"] = (ConnectDecimal.Schema(10), BigDecimal.Parse("1234567890123456789012345678.9012345678")),
        ["decimal-60-digits"] = (ConnectDecimal.Schema(0), BigDecimal.Parse(new string('9', 60))),
        ["decimal-60-digits-negative"] = (ConnectDecimal.Schema(0), BigDecimal.Parse("-1" + new string('0', 59))),
        ["date"] = (Date.Schema, new DateOnly(2024, 2, 29)),
        ["time"] = (Time.Schema, new TimeOnly(13, 14, 15, 167)),
        ["timestamp"] = (Timestamp.Schema, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)),
        ["decimal-default"] = (ConnectDecimal.Builder(2).Optional().DefaultValue(BigDecimal.Parse("1.50")).Build(), BigDecimal.Parse("1.50")),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ToConnectData_WithSchemasEnabled_RoundTripsEveryType(string name)
    {
        var (schema, value) = Cases[name];
        var converter = Configure(schemasEnable: true);

        var bytes = converter.FromConnectData(Topic, null, schema, value);
        var result = converter.ToConnectData(Topic, null, bytes);

        Assert.Equal(schema, result.Schema);
        Assert.True(ValueEquality.DeepEquals(value, result.Value), $"{name}: expected {value}, got {result.Value} from {Encoding.UTF8.GetString(bytes!)}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ToConnectData_WithDecimalFormatNumeric_RoundTripsEveryType(string name)
    {
        var (schema, value) = Cases[name];
        var converter = Configure(schemasEnable: true, (JsonConverter.DecimalFormatConfig, "numeric"));

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, schema, value));

        Assert.Equal(schema, result.Schema);
        Assert.True(ValueEquality.DeepEquals(value, result.Value), $"{name}: expected {value}, got {result.Value}");
    }

    [Fact]
    public void ToConnectData_WithSchemasDisabled_RoundTripsSchemalessValues()
    {
        var converter = Configure(schemasEnable: false);
        var value = new Dictionary<string, object?>
        {
            ["long"] = 42L,
            ["double"] = 1.5,
            ["string"] = "s",
            ["bool"] = false,
            ["null"] = null,
            ["list"] = new List<object?> { 1L, "two", null, new List<object?> { 3.25 } },
            ["map"] = new Dictionary<string, object?> { ["inner"] = true },
        };

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, null, value));

        Assert.Null(result.Schema);
        Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.True(ValueEquality.DeepEquals(value, result.Value));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FromConnectData_WithSchemasDisabled_WritesThePayloadAlone(string name)
    {
        var (schema, value) = Cases[name];
        var withSchemas = Configure(schemasEnable: true);
        var withoutSchemas = Configure(schemasEnable: false);

        var envelope = Encoding.UTF8.GetString(withSchemas.FromConnectData(Topic, null, schema, value)!);
        var plain = Encoding.UTF8.GetString(withoutSchemas.FromConnectData(Topic, null, schema, value)!);

        Assert.EndsWith(",\"payload\":" + plain + "}", envelope, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectData_PlainJsonWithSchemasDisabled_InfersLongDoubleMapAndList()
    {
        var converter = Configure(schemasEnable: false);

        var result = converter.ToConnectData(Topic, null, Encoding.UTF8.GetBytes("""{"i":1,"f":1.0,"e":1e3,"a":[true,null],"o":{"s":"x"}}"""));

        var map = Assert.IsType<Dictionary<string, object?>>(result.Value);
        Assert.Equal(1L, map["i"]);
        Assert.Equal(1.0, map["f"]);
        Assert.Equal(1000.0, map["e"]);
        Assert.Equal(new List<object?> { true, null }, map["a"]);
        Assert.Equal("x", Assert.IsType<Dictionary<string, object?>>(map["o"])["s"]);
    }

    [Fact]
    public void FromConnectData_String_MatchesKafkaBytes()
    {
        var bytes = Configure(schemasEnable: true).FromConnectData(Topic, null, Schema.String, "hello");

        Assert.Equal("""{"schema":{"type":"string","optional":false},"payload":"hello"}""", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_Struct_MatchesKafkaBytes()
    {
        var order = new Struct(OrderSchema)
            .Put("id", 42L)
            .Put("note", null)
            .Put("amount", BigDecimal.Parse("123.45"))
            .Put("ts", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000))
            .Put("tags", new List<object?> { "a" })
            .Put("counts", new Dictionary<string, object?> { ["x"] = 1 });

        var bytes = Configure(schemasEnable: true).FromConnectData(Topic, null, OrderSchema, order);

        const string Expected =
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"note"},"""
            + """{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"amount"},"""
            + """{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},"""
            + """{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"},"""
            + """{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":true,"field":"counts"}],"""
            + "\"optional\":false,\"name\":\"com.acme.Order\",\"version\":1},"
            + "\"payload\":{\"id\":42,\"note\":null,\"amount\":\"MDk=\",\"ts\":1700000000000,\"tags\":[\"a\"],\"counts\":{\"x\":1}}}";
        Assert.Equal(Expected, Encoding.UTF8.GetString(bytes!));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e20, "1.0E20")]
    [InlineData(1.5e-5, "1.5E-5")]
    [InlineData(0.001, "0.001")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.0, "1.2345678E7")]
    [InlineData(0.0, "0.0")]
    public void FromConnectData_Double_WritesJavaNumberFormat(double value, string expected)
    {
        var bytes = Configure(schemasEnable: false).FromConnectData(Topic, null, Schema.Float64, value);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_FloatAndDefault_MatchesKafkaBytes()
    {
        var schema = SchemaBuilder.Float32().Optional().DefaultValue(0.1f).Build();

        var bytes = Configure(schemasEnable: true).FromConnectData(Topic, null, schema, null);

        Assert.Equal("""{"schema":{"type":"float","optional":true,"default":0.1},"payload":0.1}""", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_MapWithIntKeys_WritesArrayOfPairs()
    {
        var schema = SchemaBuilder.Map(Schema.Int32, Schema.String).Build();

        var bytes = Configure(schemasEnable: true).FromConnectData(Topic, null, schema, new Dictionary<int, string> { [1] = "a", [2] = "b" });

        Assert.Equal(
            """{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":false},"payload":[[1,"a"],[2,"b"]]}""",
            Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_SchemalessWithSchemasEnabled_WritesNullSchema()
    {
        var bytes = Configure(schemasEnable: true).FromConnectData(Topic, null, null, new Dictionary<string, object?> { ["a"] = 1L });

        Assert.Equal("""{"schema":null,"payload":{"a":1}}""", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_DecimalNumeric_WritesJsonNumber()
    {
        var bytes = Configure(schemasEnable: false, (JsonConverter.DecimalFormatConfig, "NUMERIC")).FromConnectData(Topic, null, ConnectDecimal.Schema(2), BigDecimal.Parse("123.45"));

        Assert.Equal("123.45", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_NonAsciiAndHtmlCharacters_WritesThemUnescaped()
    {
        var bytes = Configure(schemasEnable: false).FromConnectData(Topic, null, Schema.String, "é<&>'+\u2603");

        Assert.Equal("\"é<&>'+\u2603\"", Encoding.UTF8.GetString(bytes!));
    }

    [Fact]
    public void FromConnectData_TombstoneWithoutSchema_ReturnsNull()
    {
        Assert.Null(Configure(schemasEnable: true).FromConnectData(Topic, null, null, null));
    }

    [Fact]
    public void ToConnectData_NullBytes_ReturnsNullSchemaAndValue()
    {
        Assert.Equal(SchemaAndValue.Null, Configure(schemasEnable: true).ToConnectData(Topic, null, null));
    }

    [Fact]
    public void FromConnectData_RequiredNullWithoutDefault_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: true).FromConnectData(Topic, null, Schema.String, null));

        Assert.Equal("Conversion error: null value for field that is required and has no default value", e.Message);
    }

    [Fact]
    public void FromConnectData_SchemalessStruct_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: false).FromConnectData(Topic, null, null, new Struct(PointSchema).Put("x", 1)));

        Assert.Equal("Mismatching schema.", e.Message);
    }

    [Fact]
    public void FromConnectData_ValueOfWrongType_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: true).FromConnectData(Topic, null, Schema.Int32, "not an int"));

        Assert.Contains("INT32", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":1}""")]
    [InlineData("""{"schema":null}""")]
    [InlineData("""{"schema":null,"payload":1,"extra":2}""")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    public void ToConnectData_WithoutEnvelopeWhenSchemasEnabled_ThrowsKafkaMessage(string json)
    {
        var converter = Configure(schemasEnable: true);

        var e = Assert.Throws<DataException>(() => converter.ToConnectData(Topic, null, Encoding.UTF8.GetBytes(json)));

        Assert.Equal(
            "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields."
            + " If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.",
            e.Message);
    }

    [Fact]
    public void ToConnectData_MalformedJson_ThrowsDataException()
    {
        var e = Assert.Throws<DataException>(() => Configure(schemasEnable: false).ToConnectData(Topic, null, Encoding.UTF8.GetBytes("{not json")));

        Assert.StartsWith("Converting byte[] to Kafka Connect data failed due to serialization error", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConnectData_KafkaEnvelope_ReadsSchemaAndPayload()
    {
        const string Json =
            """{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"x"},{"type":"string","optional":true,"default":"d","field":"s"},"""
            + """{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"day"}],"optional":false,"name":"p"},"""
            + "\"payload\":{\"x\":5,\"day\":19782,\"ignored\":true}}";

        var result = Configure(schemasEnable: true).ToConnectData(Topic, null, Encoding.UTF8.GetBytes(Json));

        var value = Assert.IsType<Struct>(result.Value);
        Assert.Equal("p", result.Schema!.Name);
        Assert.Equal(5, value.Get("x"));
        Assert.Equal("d", value.Get("s"));
        Assert.Equal(new DateOnly(2024, 2, 29), value.Get("day"));
    }

    [Fact]
    public void ToConnectData_NumericDecimalPayload_ReadsNumber()
    {
        const string Json = """{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":12.34}""";

        var result = Configure(schemasEnable: true).ToConnectData(Topic, null, Encoding.UTF8.GetBytes(Json));

        Assert.Equal(new BigDecimal(1234, 2), result.Value);
    }

    [Fact]
    public void FromConnectData_ReplaceNullWithDefaultFalse_WritesNull()
    {
        var schema = SchemaBuilder.Struct().Field("n", SchemaBuilder.Int32().Optional().DefaultValue(9).Build()).Build();
        var value = new Struct(schema);

        var replaced = Configure(schemasEnable: false).FromConnectData(Topic, null, schema, value);
        var kept = Configure(schemasEnable: false, (JsonConverter.ReplaceNullWithDefaultConfig, "false")).FromConnectData(Topic, null, schema, value);

        Assert.Equal("""{"n":9}""", Encoding.UTF8.GetString(replaced!));
        Assert.Equal("""{"n":null}""", Encoding.UTF8.GetString(kept!));
    }

    [Fact]
    public void ToConnectData_ReplaceNullWithDefaultFalse_KeepsNull()
    {
        var converter = Configure(schemasEnable: true, (JsonConverter.ReplaceNullWithDefaultConfig, "false"));
        const string Json = """{"schema":{"type":"int32","optional":true,"default":9},"payload":null}""";

        var result = converter.ToConnectData(Topic, null, Encoding.UTF8.GetBytes(Json));

        Assert.Null(result.Value);
    }

    [Fact]
    public void ToConnectHeader_AfterFromConnectHeader_RoundTrips()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>());

        var bytes = converter.FromConnectHeader(Topic, "h", Schema.Int16, (short)12);
        var result = converter.ToConnectHeader(Topic, "h", bytes);

        Assert.Equal(new SchemaAndValue(Schema.Int16, (short)12), result);
    }

    [Fact]
    public void Configure_InvalidDecimalFormat_ThrowsConfigException()
    {
        var converter = new JsonConverter();

        Assert.Throws<ConfigException>(() => converter.Configure(new Dictionary<string, string> { [JsonConverter.DecimalFormatConfig] = "HEX" }, isKey: false));
    }

    [Fact]
    public void Config_DefinesKafkaKeysWithKafkaDefaults()
    {
        var config = new JsonConverter().Config;

        Assert.Equal(true, config.Find("schemas.enable")!.DefaultValue);
        Assert.Equal(1000, config.Find("schemas.cache.size")!.DefaultValue);
        Assert.Equal("BASE64", config.Find("decimal.format")!.DefaultValue);
        Assert.Equal(true, config.Find("replace.null.with.default")!.DefaultValue);
        Assert.Empty(config.Validate(new Dictionary<string, string>()).SelectMany(v => v.ErrorMessages));
    }

    [Fact]
    public void FromConnectData_SchemaCacheSizeZero_StillWritesSchemas()
    {
        var converter = Configure(schemasEnable: true, (JsonConverter.SchemasCacheSizeConfig, "0"));

        var first = converter.FromConnectData(Topic, null, PointSchema, new Struct(PointSchema).Put("x", 1));
        var second = converter.FromConnectData(Topic, null, PointSchema, new Struct(PointSchema).Put("x", 1));

        Assert.Equal(first, second);
    }

    private static JsonConverter Configure(bool schemasEnable, params (string Key, string Value)[] settings)
    {
        var converter = new JsonConverter();
        var configs = settings.ToDictionary(s => s.Key, s => s.Value);
        configs[JsonConverter.SchemasEnableConfig] = schemasEnable ? "true" : "false";
        converter.Configure(configs, isKey: false);
        return converter;
    }

    private static Schema NestedSchema() => SchemaBuilder.Struct().Name("com.acme.Shape")
        .Field("origin", PointSchema)
        .Field("points", SchemaBuilder.Array(PointSchema).Build())
        .Field("labels", SchemaBuilder.Map(Schema.String, Schema.OptionalString).Optional().Build())
        .Build();

    private static Struct NestedValue() => new Struct(NestedSchema())
        .Put("origin", new Struct(PointSchema).Put("x", 0).Put("y", 0))
        .Put("points", new List<object?> { new Struct(PointSchema).Put("x", 1).Put("y", 2), new Struct(PointSchema).Put("x", 3) })
        .Put("labels", new Dictionary<string, object?> { ["a"] = "A", ["b"] = null });
}
