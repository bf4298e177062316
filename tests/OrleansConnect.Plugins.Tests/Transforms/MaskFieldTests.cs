using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class MaskFieldTests
{
    private static readonly Schema Schema = SchemaBuilder.Struct()
        .Field("magic", Data.Schema.Int32)
        .Field("bool", Data.Schema.Boolean)
        .Field("byte", Data.Schema.Int8)
        .Field("short", Data.Schema.Int16)
        .Field("long", Data.Schema.Int64)
        .Field("float", Data.Schema.Float32)
        .Field("double", Data.Schema.Float64)
        .Field("string", Data.Schema.String)
        .Field("date", Date.Schema)
        .Field("time", Time.Schema)
        .Field("timestamp", Timestamp.Schema)
        .Field("decimal", Data.Decimal.Schema(0))
        .Field("array", SchemaBuilder.Array(Data.Schema.Int32).Build())
        .Field("map", SchemaBuilder.Map(Data.Schema.String, Data.Schema.String).Build())
        .Field("optional", Data.Schema.OptionalString)
        .Build();

    private static Struct Value() => new Struct(Schema)
        .Put("magic", 42)
        .Put("bool", true)
        .Put("byte", (sbyte)42)
        .Put("short", (short)42)
        .Put("long", 42L)
        .Put("float", 42f)
        .Put("double", 42d)
        .Put("string", "55.121.20.20")
        .Put("date", new DateOnly(2020, 1, 2))
        .Put("time", new TimeOnly(10, 0))
        .Put("timestamp", DateTimeOffset.UtcNow)
        .Put("decimal", new BigDecimal(42, 0))
        .Put("array", new List<int> { 1, 2, 3 })
        .Put("map", new Dictionary<string, string> { ["k"] = "v" });

    [Fact]
    public void Apply_Struct_MasksEveryTypeWithEmptyValue()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", string.Join(",", Schema.Fields.Select(f => f.Name))));

        var updated = (Struct)transform.Apply(Records.Source(Schema, Value()))!.Value!;

        Assert.Equal(0, updated.Get("magic"));
        Assert.Equal(false, updated.Get("bool"));
        Assert.Equal((sbyte)0, updated.Get("byte"));
        Assert.Equal((short)0, updated.Get("short"));
        Assert.Equal(0L, updated.Get("long"));
        Assert.Equal(0f, updated.Get("float"));
        Assert.Equal(0d, updated.Get("double"));
        Assert.Equal(string.Empty, updated.Get("string"));
        Assert.Equal(new DateOnly(1970, 1, 1), updated.Get("date"));
        Assert.Equal(TimeOnly.MinValue, updated.Get("time"));
        Assert.Equal(DateTimeOffset.UnixEpoch, updated.Get("timestamp"));
        Assert.Equal(BigDecimal.Zero, updated.Get("decimal"));
        Assert.Empty((System.Collections.IList)updated.Get("array")!);
        Assert.Empty((System.Collections.IDictionary)updated.Get("map")!);
        Assert.Null(updated.Get("optional"));
    }

    [Fact]
    public void Apply_Schemaless_MasksListedFieldsOnly()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "int,string,missing"));

        var result = transform.Apply(Records.Source(null, Records.Map(("int", 42), ("string", "secret"), ("other", "keep"))))!;

        Assert.Equal(Records.Map(("int", 0), ("string", string.Empty), ("other", "keep"), ("missing", null)), result.Value);
    }

    [Fact]
    public void Apply_Replacement_ConvertsToFieldType()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "magic,string,double"), ("replacement", "123"));

        var updated = (Struct)transform.Apply(Records.Source(Schema, Value()))!.Value!;

        Assert.Equal(123, updated.Get("magic"));
        Assert.Equal("123", updated.Get("string"));
        Assert.Equal(123d, updated.Get("double"));
    }

    [Fact]
    public void Apply_ReplacementOnBoolean_ThrowsDataException()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "bool"), ("replacement", "123"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema, Value())));
        Assert.StartsWith("Cannot mask value of type System.Boolean with custom replacement.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NonNumericReplacementOnNumber_ThrowsDataException()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "magic"), ("replacement", "abc"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema, Value())));
        Assert.StartsWith("Unable to convert abc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Key_MasksKey()
    {
        using var transform = Records.Configured<MaskField.Key>(("fields", "id"));

        var result = transform.Apply(Records.Source(null, "v", null, Records.Map(("id", 5L))))!;

        Assert.Equal(Records.Map(("id", 0L)), result.Key);
        Assert.Equal("v", result.Value);
    }

    [Fact]
    public void Apply_Tombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "a"));
        var record = Records.Source(null, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Configure_EmptyReplacement_ThrowsConfigExceptionNamingReplacement()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<MaskField.Value>(("fields", "a"), ("replacement", "")));
        Assert.Equal("replacement", e.Name);
    }

    [Fact]
    public void Configure_MissingFields_ThrowsConfigExceptionNamingFields()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<MaskField.Value>());
        Assert.Equal("fields", e.Name);
    }

    [Fact]
    public void Apply_DecimalOfScaleTwo_MasksToBigDecimalZeroOfScaleZeroAsKafka()
    {
        var schema = SchemaBuilder.Struct().Field("amount", Data.Decimal.Schema(2)).Build();
        using var transform = Records.Configured<MaskField.Value>(("fields", "amount"));

        var result = transform.Apply(Records.Source(schema, new Struct(schema).Put("amount", BigDecimal.Parse("1234567890123456789012345678.90"))))!;

        var masked = Assert.IsType<BigDecimal>(((Struct)result.Value!).Get("amount"));
        Assert.Equal(0, masked.Scale);
        Assert.Equal(BigDecimal.Zero, masked);
    }

    [Theory]
    [InlineData("1.5E+3", 15, -2)]
    [InlineData("-0.25", -25, 2)]
    [InlineData("123456789012345678901234567890", 0, 0)]
    public void Apply_ReplacementOnDecimal_ReadsItAsJavasBigDecimal(string replacement, long unscaled, int scale)
    {
        var schema = SchemaBuilder.Struct().Field("amount", Data.Decimal.Schema(2)).Build();
        using var transform = Records.Configured<MaskField.Value>(("fields", "amount"), ("replacement", replacement));

        var result = transform.Apply(Records.Source(schema, new Struct(schema).Put("amount", new BigDecimal(1, 2))))!;

        var expected = unscaled == 0 ? BigDecimal.Parse(replacement) : new BigDecimal(unscaled, scale);
        Assert.Equal(expected, ((Struct)result.Value!).Get("amount"));
    }

    [Fact]
    public void Apply_NonNumericReplacementOnDecimal_ThrowsDataException()
    {
        var schema = SchemaBuilder.Struct().Field("amount", Data.Decimal.Schema(2)).Build();
        using var transform = Records.Configured<MaskField.Value>(("fields", "amount"), ("replacement", "1,5"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(schema, new Struct(schema).Put("amount", new BigDecimal(1, 2)))));
        Assert.StartsWith("Unable to convert 1,5", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0", 0)]
    [InlineData("1.9", 1)]
    [InlineData("-1.9", -1)]
    [InlineData("1e3", 1000)]
    [InlineData("+7", 7)]
    public void Apply_NumericReplacementOnInt32_KeepsIntegralPartAsKafka(string replacement, int expected)
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "magic"), ("replacement", replacement));

        var updated = (Struct)transform.Apply(Records.Source(Schema, Value()))!.Value!;

        Assert.Equal(expected, updated.Get("magic"));
    }

    [Theory]
    [InlineData("300", (sbyte)0)]
    [InlineData("5000000000", 0)]
    public void Apply_ReplacementOutOfFieldRange_ThrowsDataExceptionWhereKafkaWraps(string replacement, object field)
    {
        using var transform = Records.Configured<MaskField.Value>(("fields", "f"), ("replacement", replacement));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, Records.Map(("f", field)))));

        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }
}
