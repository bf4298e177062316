using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class CastTests
{
    [Theory]
    [InlineData("int8", (sbyte)42)]
    [InlineData("int16", (short)42)]
    [InlineData("int32", 42)]
    [InlineData("int64", 42L)]
    [InlineData("float32", 42f)]
    [InlineData("float64", 42d)]
    [InlineData("boolean", true)]
    [InlineData("string", "42")]
    public void Apply_WholeValueWithSchema_CastsValueAndSchema(string type, object expected)
    {
        using var transform = Records.Configured<Cast.Value>(("spec", type));

        var result = transform.Apply(Records.Source(Schema.Int32, 42))!;

        Assert.Equal(expected, result.Value);
        Assert.Equal(type, result.ValueSchema!.Type.GetName());
    }

    [Fact]
    public void Apply_StructFields_CastsListedFieldsOnly()
    {
        var schema = SchemaBuilder.Struct()
            .Field("int8", Schema.Int8)
            .Field("float", Schema.OptionalFloat32)
            .Field("bool", Schema.Boolean)
            .Field("string", Schema.String)
            .Field("bytes", Schema.Bytes)
            .Field("timestamp", Timestamp.Schema)
            .Field("decimal", Data.Decimal.Schema(2))
            .Field("untouched", Schema.String)
            .Build();
        var value = new Struct(schema)
            .Put("int8", (sbyte)8)
            .Put("float", 32f)
            .Put("bool", true)
            .Put("string", "42")
            .Put("bytes", new byte[] { 1, 2, 3 })
            .Put("timestamp", DateTimeOffset.FromUnixTimeMilliseconds(1000))
            .Put("decimal", new BigDecimal(150, 2))
            .Put("untouched", "x");
        using var transform = Records.Configured<Cast.Value>(("spec", "int8:int16,float:string,bool:int8,string:int32,bytes:string,timestamp:int64,decimal:float64"));

        var result = transform.Apply(Records.Source(schema, value))!;

        var updated = Assert.IsType<Struct>(result.Value);
        Assert.Equal((short)8, updated.Get("int8"));
        Assert.Equal("32.0", updated.Get("float"));
        Assert.True(result.ValueSchema!.Field("float")!.Schema.IsOptional);
        Assert.Equal((sbyte)1, updated.Get("bool"));
        Assert.Equal(42, updated.Get("string"));
        Assert.Equal("AQID", updated.Get("bytes"));
        Assert.Equal(1000L, updated.Get("timestamp"));
        Assert.Equal(1.5d, updated.Get("decimal"));
        Assert.Equal("x", updated.Get("untouched"));
        Assert.Equal(Schema.String, result.ValueSchema.Field("untouched")!.Schema);
    }

    [Fact]
    public void Apply_Schemaless_CastsMapEntries()
    {
        using var transform = Records.Configured<Cast.Value>(("spec", "a:int64,b:boolean,c:string"));

        var result = transform.Apply(Records.Source(null, Records.Map(("a", 42), ("b", "TRUE"), ("c", 1.25d), ("d", 1))))!;

        Assert.Equal(Records.Map(("a", 42L), ("b", true), ("c", "1.25"), ("d", 1)), result.Value);
    }

    [Fact]
    public void Apply_Key_CastsKeyOnly()
    {
        using var transform = Records.Configured<Cast.Key>(("spec", "int64"));

        var result = transform.Apply(Records.Source(Schema.Int32, 1, Schema.Int32, 2))!;

        Assert.Equal(2L, result.Key);
        Assert.Equal(1, result.Value);
    }

    [Fact]
    public void Apply_Tombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<Cast.Value>(("spec", "int64"));
        var record = Records.Source(Schema.OptionalInt32, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_UnparsableString_ThrowsDataException()
    {
        using var transform = Records.Configured<Cast.Value>(("spec", "int32"));

        Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, "forty-two")));
    }

    [Fact]
    public void Apply_MapValueToString_ThrowsDataException()
    {
        using var transform = Records.Configured<Cast.Value>(("spec", "string"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, Records.Map(("a", 1)))));
        Assert.StartsWith("Cast transformation does not support casting to/from MAP", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo:bytes")]
    [InlineData("foo:array")]
    [InlineData("foo:nope")]
    [InlineData("int32,foo:int8")]
    [InlineData("a:b:c")]
    public void Configure_InvalidSpec_ThrowsConfigExceptionNamingSpec(string spec)
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<Cast.Value>(("spec", spec)));
        Assert.Equal("spec", e.Name);
    }

    // Kafka casts a BigDecimal with Number's byteValue/shortValue/intValue/longValue (the integer part, wrapping),
    // doubleValue (correctly rounded) and toString; the expected integers are the low 8/16/32/64 bits of
    // 1234567890123456789012345678.
    [Theory]
    [InlineData("int8", (sbyte)78)]
    [InlineData("int16", (short)-3250)]
    [InlineData("int32", -1103563954)]
    [InlineData("int64", 7888470988696384334L)]
    [InlineData("float64", 1.2345678901234569e27)]
    [InlineData("boolean", true)]
    [InlineData("string", "1234567890123456789012345678.9012345678")]
    public void Apply_DecimalBeyondLong_CastsAsJavasNumberMethods(string type, object expected)
    {
        var schema = SchemaBuilder.Struct().Field("d", Data.Decimal.Schema(10)).Build();
        using var transform = Records.Configured<Cast.Value>(("spec", "d:" + type));

        var result = transform.Apply(Records.Source(schema, new Struct(schema).Put("d", BigDecimal.Parse("1234567890123456789012345678.9012345678"))))!;

        Assert.Equal(expected, ((Struct)result.Value!).Get("d"));
    }

    [Fact]
    public void Apply_DecimalWithExponent_CastsToJavasToString()
    {
        var schema = SchemaBuilder.Struct().Field("d", Data.Decimal.Schema(12)).Build();
        using var transform = Records.Configured<Cast.Value>(("spec", "d:string"));

        var result = transform.Apply(Records.Source(schema, new Struct(schema).Put("d", new BigDecimal(-123, 12))))!;

        Assert.Equal("-1.23E-10", ((Struct)result.Value!).Get("d"));
    }
}
