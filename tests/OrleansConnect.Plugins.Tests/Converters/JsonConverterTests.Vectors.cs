using System.Text;
using OrleansConnect.Plugins.Converters;
using OrleansConnect.Plugins.Data;
using ConnectDecimal = OrleansConnect.Plugins.Data.Decimal;

namespace OrleansConnect.Plugins.Tests.Converters;

/// <summary>
/// The exact bytes Kafka's JsonConverter writes for each Connect type, derived from its asJsonSchema/convertToJson
/// (attribute order type, items|keys,values|fields, optional, name, version, doc, parameters, default; field name last)
/// and the expectations of its JsonConverterTest; each vector must also read back to the same schema and value.
/// </summary>
public sealed partial class JsonConverterTests
{
    private const string DecimalName = "org.apache.kafka.connect.data.Decimal";
    private const string DateName = "org.apache.kafka.connect.data.Date";
    private const string TimeName = "org.apache.kafka.connect.data.Time";
    private const string TimestampName = "org.apache.kafka.connect.data.Timestamp";

    private static readonly Schema OptionalFieldsSchema = SchemaBuilder.Struct()
        .Field("field1", Schema.Boolean)
        .Field("field2", Schema.OptionalString)
        .Field("field3", Schema.OptionalInt32)
        .Build();

    private static readonly Schema MetadataSchema = SchemaBuilder.String().Name("com.acme.Code").Version(2).Doc("a code").Parameter("k", "v").DefaultValue("x").Build();

    private static readonly Dictionary<string, Vector> Vectors = new()
    {
        ["int8"] = new(Schema.Int8, (sbyte)-8, """{"schema":{"type":"int8","optional":false},"payload":-8}"""),
        ["int16"] = new(Schema.Int16, (short)16000, """{"schema":{"type":"int16","optional":false},"payload":16000}"""),
        ["int32"] = new(Schema.Int32, 42, """{"schema":{"type":"int32","optional":false},"payload":42}"""),
        ["int64"] = new(Schema.Int64, 4_398_046_511_104L, """{"schema":{"type":"int64","optional":false},"payload":4398046511104}"""),
        ["float32"] = new(Schema.Float32, 12.34f, """{"schema":{"type":"float","optional":false},"payload":12.34}"""),
        ["float64"] = new(Schema.Float64, 12.34, """{"schema":{"type":"double","optional":false},"payload":12.34}"""),
        ["float64-exponent"] = new(Schema.Float64, 1e20, """{"schema":{"type":"double","optional":false},"payload":1.0E20}"""),
        ["float64-nan"] = new(Schema.Float64, double.NaN, """{"schema":{"type":"double","optional":false},"payload":"NaN"}"""),
        ["boolean"] = new(Schema.Boolean, true, """{"schema":{"type":"boolean","optional":false},"payload":true}"""),
        ["string"] = new(Schema.String, "foo-bar-baz", """{"schema":{"type":"string","optional":false},"payload":"foo-bar-baz"}"""),
        ["bytes"] = new(Schema.Bytes, "test-string"u8.ToArray(), """{"schema":{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="}"""),
        ["array"] = new(
            SchemaBuilder.Array(Schema.Int32).Build(),
            new List<object?> { 1, 2, 3 },
            """{"schema":{"type":"array","items":{"type":"int32","optional":false},"optional":false},"payload":[1,2,3]}"""),
        ["map-string-keys"] = new(
            SchemaBuilder.Map(Schema.String, Schema.Int32).Build(),
            new Dictionary<string, object?> { ["key1"] = 12, ["key2"] = 15 },
            """{"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}}"""),
        ["map-int-keys"] = new(
            SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build(),
            new Dictionary<object, object?> { [1] = 12, [2] = 15 },
            """{"schema":{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":[[1,12],[2,15]]}"""),
        ["struct-optional-fields"] = new(
            OptionalFieldsSchema,
            new Struct(OptionalFieldsSchema).Put("field1", true).Put("field3", 7),
            """{"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},{"type":"string","optional":true,"field":"field2"},"""
            + """{"type":"int32","optional":true,"field":"field3"}],"optional":false},"payload":{"field1":true,"field2":null,"field3":7}}"""),
        ["decimal"] = new(
            ConnectDecimal.Schema(2),
            new BigDecimal(156, 2),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"2"}},"payload":"AJw="}"""),
        ["decimal-negative"] = new(
            ConnectDecimal.Schema(2),
            new BigDecimal(-156, 2),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"2"}},"payload":"/2Q="}"""),
        ["decimal-numeric"] = new(
            ConnectDecimal.Schema(2),
            new BigDecimal(156, 2),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"2"}},"payload":1.56}""",
            DecimalFormat: "NUMERIC"),
        ["decimal-numeric-tiny"] = new(
            ConnectDecimal.Schema(8),
            new BigDecimal(12, 8),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"8"}},"payload":1.2E-7}""",
            DecimalFormat: "NUMERIC"),
        // numeric(38,10): 38 digits, beyond a .NET decimal; the base64 is the 16 two's complement bytes of the unscaled value.
        ["decimal-38-digits"] = new(
            ConnectDecimal.Schema(10),
            BigDecimal.Parse("1234567890123456789012345678.9012345678"),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"10"}},"payload":"CUmw9vACMxPESZBQ3jjzTg=="}"""),
        ["decimal-38-digits-negative"] = new(
            ConnectDecimal.Schema(10),
            BigDecimal.Parse("-9999999999999999999999999999.9999999999"),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"10"}},"payload":"tMSzV6V5O4X2dd3AAAAAAQ=="}"""),
        ["decimal-38-digits-numeric"] = new(
            ConnectDecimal.Schema(10),
            BigDecimal.Parse("1234567890123456789012345678.9012345678"),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"10"}},"payload":1234567890123456789012345678.9012345678}""",
            DecimalFormat: "NUMERIC"),
        // numeric(60,0): 60 nines need 26 bytes, the first 00 keeping the sign positive.
        ["decimal-60-digits"] = new(
            ConnectDecimal.Schema(0),
            BigDecimal.Parse(new string('9', 60)),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"0"}},"payload":"AJ9PJyYXmiJFAddiQiyUZZDZD/////////8="}"""),
        ["decimal-60-digits-negative"] = new(
            ConnectDecimal.Schema(0),
            BigDecimal.Parse("-1" + new string('0', 59)),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"0"}},"payload":"8BGvSP2jyV9/0NyS+4rCpLcYAAAAAAAAAA=="}"""),
        ["decimal-60-digits-numeric"] = new(
            ConnectDecimal.Schema(0),
            BigDecimal.Parse(new string('9', 60)),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"0"}},"payload":{{{new string('9', 60)}}}}""",
            DecimalFormat: "NUMERIC"),
        // Java's toString: a zero of scale 10 is 0E-10, and Jackson writes that number as it is.
        ["decimal-zero-numeric"] = new(
            ConnectDecimal.Schema(10),
            new BigDecimal(0, 10),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"10"}},"payload":0E-10}""",
            DecimalFormat: "NUMERIC"),
        ["decimal-negative-scale-numeric"] = new(
            ConnectDecimal.Schema(-3),
            new BigDecimal(12, -3),
            $$$"""{"schema":{"type":"bytes","optional":false,"name":"{{{DecimalName}}}","version":1,"parameters":{"scale":"-3"}},"payload":1.2E+4}""",
            DecimalFormat: "NUMERIC"),
        ["date"] = new(
            Date.Schema,
            new DateOnly(1997, 5, 19),
            $$$"""{"schema":{"type":"int32","optional":false,"name":"{{{DateName}}}","version":1},"payload":10000}"""),
        ["time"] = new(
            Time.Schema,
            new TimeOnly(4, 0),
            $$$"""{"schema":{"type":"int32","optional":false,"name":"{{{TimeName}}}","version":1},"payload":14400000}"""),
        ["timestamp"] = new(
            Timestamp.Schema,
            DateTimeOffset.FromUnixTimeMilliseconds(4_000_000_000L),
            $$$"""{"schema":{"type":"int64","optional":false,"name":"{{{TimestampName}}}","version":1},"payload":4000000000}"""),
        ["optional-null"] = new(Schema.OptionalString, null, """{"schema":{"type":"string","optional":true},"payload":null}"""),
        ["optional-null-with-default"] = new(
            SchemaBuilder.Int32().Optional().DefaultValue(42).Build(),
            null,
            """{"schema":{"type":"int32","optional":true,"default":42},"payload":42}""",
            ReadBack: 42),
        ["required-null-with-default"] = new(
            SchemaBuilder.Int32().DefaultValue(42).Build(),
            null,
            """{"schema":{"type":"int32","optional":false,"default":42},"payload":42}""",
            ReadBack: 42),
        ["metadata-order"] = new(
            MetadataSchema,
            "y",
            """{"schema":{"type":"string","optional":false,"name":"com.acme.Code","version":2,"doc":"a code","parameters":{"k":"v"},"default":"x"},"payload":"y"}"""),
        ["logical-default"] = new(
            Timestamp.Builder().Optional().DefaultValue(DateTimeOffset.FromUnixTimeMilliseconds(0)).Build(),
            null,
            $$$"""{"schema":{"type":"int64","optional":true,"name":"{{{TimestampName}}}","version":1,"default":0},"payload":0}""",
            ReadBack: DateTimeOffset.FromUnixTimeMilliseconds(0)),
        ["schemaless-envelope"] = new(
            null,
            new Dictionary<string, object?> { ["a"] = 1L, ["b"] = new List<object?> { true, null, 1.5 } },
            """{"schema":null,"payload":{"a":1,"b":[true,null,1.5]}}"""),
        ["schemaless-plain"] = new(
            null,
            new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "x" },
            """{"a":1,"b":"x"}""",
            SchemasEnabled: false),
        ["schemaless-int-keys"] = new(
            null,
            new Dictionary<object, object?> { [1L] = "a" },
            """[[1,"a"]]""",
            ReadBack: new List<object?> { new List<object?> { 1L, "a" } },
            SchemasEnabled: false),
        ["schemaless-integer-widens"] = new(null, 7, "7", ReadBack: 7L, SchemasEnabled: false),
        ["schemaless-float-widens"] = new(null, 2.5f, "2.5", ReadBack: 2.5, SchemasEnabled: false),
        ["with-schema-plain"] = new(Schema.Int32, 42, "42", ReadBack: 42L, SchemasEnabled: false, ReadBackSchemaless: true),
    };

    public static TheoryData<string> VectorNames => [.. Vectors.Keys];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void FromConnectData_EveryType_WritesKafkasExactBytes(string name)
    {
        var vector = Vectors[name];

        var bytes = vector.Converter().FromConnectData(Topic, null, vector.Schema, vector.Value);

        Assert.Equal(vector.Json, Encoding.UTF8.GetString(bytes!));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void ToConnectData_KafkasBytesForEveryType_ReadsTheSameSchemaAndValue(string name)
    {
        var vector = Vectors[name];

        var result = vector.Converter().ToConnectData(Topic, null, Encoding.UTF8.GetBytes(vector.Json));

        Assert.Equal(vector.ReadBackSchemaless ? null : vector.Schema, result.Schema);
        var expected = vector.ReadBack ?? vector.Value;
        Assert.True(ValueEquality.DeepEquals(expected, result.Value), $"{name}: expected {expected}, got {result.Value}");
    }

    [Fact]
    public void FromConnectData_NullSchemaAndValue_WritesNoBytesAsKafka()
    {
        Assert.Null(Configure(schemasEnable: true).FromConnectData(Topic, null, null, null));
        Assert.Null(Configure(schemasEnable: false).FromConnectData(Topic, null, null, null));
    }

    [Fact]
    public void FromConnectData_BytesAsArraySegment_WritesTheSegment()
    {
        var segment = new ArraySegment<byte>("xtest-stringx"u8.ToArray(), 1, 11);

        var bytes = Configure(schemasEnable: false).FromConnectData(Topic, null, Schema.Bytes, segment);

        Assert.Equal("\"dGVzdC1zdHJpbmc=\"", Encoding.UTF8.GetString(bytes!));
    }

    private sealed record Vector(
        Schema? Schema,
        object? Value,
        string Json,
        object? ReadBack = null,
        bool SchemasEnabled = true,
        string? DecimalFormat = null,
        bool ReadBackSchemaless = false)
    {
        public JsonConverter Converter() => DecimalFormat is null
            ? Configure(SchemasEnabled)
            : Configure(SchemasEnabled, (JsonConverter.DecimalFormatConfig, DecimalFormat));
    }
}
