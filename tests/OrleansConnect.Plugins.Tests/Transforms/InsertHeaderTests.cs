using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class InsertHeaderTests
{
    public static TheoryData<string, Schema?, object?> Literals => new()
    {
        { "hello", Schema.String, "hello" },
        { "42", Schema.Int8, (sbyte)42 },
        { "300", Schema.Int16, (short)300 },
        { "1.5", Schema.Float32, 1.5f },
        { "true", Schema.Boolean, true },
        { "2024-02-29", Date.Schema, new DateOnly(2024, 2, 29) },
        { "null", null, null },
        { "", Schema.String, "" },
        { "1e3", Schema.Int16, (short)1000 },
        { "+5", Schema.Int8, (sbyte)5 },
        { "-0.0", Schema.Int8, (sbyte)0 },
        { "1.10", Schema.Float32, 1.1f },
        { "true}", Schema.String, "true}" },
        { "12:30:00.000Z", Time.Schema, new TimeOnly(12, 30) },
        { "\"quoted\"", Schema.String, "\"quoted\"" },
        { "eu-west-1", Schema.String, "eu-west-1" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Apply_Literal_AddsHeaderParsedAsSimpleHeaderConverter(string literal, Schema? schema, object? value)
    {
        using var transform = Records.Configured<InsertHeader>(("header", "h"), ("value.literal", literal));

        var header = Assert.Single(transform.Apply(Records.Source(null, "v"))!.Headers);

        Assert.Equal("h", header.Key);
        Assert.Equal(schema, header.Schema);
        Assert.Equal(value, header.Value);
    }

    [Fact]
    public void Apply_ImpossibleDateLiteral_StaysTheTextWhereKafkaRollsItOver()
    {
        using var transform = Records.Configured<InsertHeader>(("header", "h"), ("value.literal", "2024-02-30"));

        var header = Assert.Single(transform.Apply(Records.Source(null, "v"))!.Headers);

        Assert.Equal((Schema.String, (object?)"2024-02-30"), (header.Schema, header.Value));
    }

    [Fact]
    public void Apply_ArrayLiteral_AddsArrayHeader()
    {
        using var transform = Records.Configured<InsertHeader>(("header", "h"), ("value.literal", "[1,2,3]"));

        var header = transform.Apply(Records.Source(null, "v"))!.Headers.LastWithName("h")!;

        Assert.Equal(SchemaBuilder.Array(Schema.Int8).Build(), header.Schema);
        Assert.Equal(new List<object?> { (sbyte)1, (sbyte)2, (sbyte)3 }, header.Value);
    }

    [Fact]
    public void Apply_ExistingHeaders_KeepsThemAndAppendsWithoutChangingTheInput()
    {
        using var transform = Records.Configured<InsertHeader>(("header", "a"), ("value.literal", "new"));
        var record = Records.Sink(Schema.String, "v");
        record.Headers.AddString("a", "old").AddString("b", "x");

        var result = transform.Apply(record)!;

        Assert.Equal(["a", "b", "a"], result.Headers.Select(h => h.Key));
        Assert.Equal("new", result.Headers.LastWithName("a")!.Value);
        Assert.Equal(2, record.Headers.Count);
        Assert.Equal(42L, Assert.IsType<SinkRecord>(result).KafkaOffset);
        Assert.Equal("v", result.Value);
    }

    [Theory]
    [InlineData("header")]
    [InlineData("value.literal")]
    public void Configure_MissingKey_ThrowsConfigException(string missing)
    {
        var settings = new Dictionary<string, string> { ["header"] = "h", ["value.literal"] = "v" };
        settings.Remove(missing);

        var e = Assert.Throws<ConfigException>(() => new InsertHeader().Configure(settings));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }
}
