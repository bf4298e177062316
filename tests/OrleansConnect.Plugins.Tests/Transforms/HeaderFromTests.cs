using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class HeaderFromTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct().Field("field1", Schema.String).Field("field2", Schema.Int32).Build();

    private static Struct StructValue() => new Struct(ValueSchema).Put("field1", "a").Put("field2", 2);

    [Fact]
    public void Apply_CopyStruct_AddsHeadersWithFieldSchemasAndKeepsValue()
    {
        using var transform = Records.Configured<HeaderFrom.Value>(("fields", "field1,field2"), ("headers", "h1,h2"), ("operation", "copy"));
        var value = StructValue();
        var record = Records.Source(ValueSchema, value);
        record.Headers.AddString("existing", "x");

        var result = transform.Apply(record)!;

        Assert.Same(value, result.Value);
        Assert.Equal(["existing", "h1", "h2"], result.Headers.Select(h => h.Key));
        Assert.Equal(("a", Schema.String), (result.Headers.LastWithName("h1")!.Value, result.Headers.LastWithName("h1")!.Schema));
        Assert.Equal(2, result.Headers.LastWithName("h2")!.Value);
        Assert.Single(record.Headers);
    }

    [Fact]
    public void Apply_MoveStruct_RemovesFieldsFromValue()
    {
        using var transform = Records.Configured<HeaderFrom.Value>(("fields", "field1"), ("headers", "h1"), ("operation", "move"));

        var result = transform.Apply(Records.Source(ValueSchema, StructValue()))!;

        Assert.Equal(["field2"], result.ValueSchema!.Fields.Select(f => f.Name));
        Assert.Equal(2, ((Struct)result.Value!).Get("field2"));
        Assert.Equal("a", result.Headers.LastWithName("h1")!.Value);
    }

    [Fact]
    public void Apply_MoveSchemalessKey_RemovesEntriesAndAddsSchemalessHeaders()
    {
        using var transform = Records.Configured<HeaderFrom.Key>(("fields", "id"), ("headers", "key_id"), ("operation", "move"));
        var key = Records.Map(("id", 7), ("other", "o"));

        var result = transform.Apply(Records.Source(null, "v", null, key))!;

        Assert.Equal(Records.Map(("other", "o")), result.Key);
        Assert.Equal(2, key.Count);
        var header = result.Headers.LastWithName("key_id")!;
        Assert.Equal((7, null), (header.Value, header.Schema));
    }

    [Fact]
    public void Apply_StringValue_ThrowsDataException()
    {
        using var transform = Records.Configured<HeaderFrom.Value>(("fields", "f"), ("headers", "h"), ("operation", "copy"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, "text")));
        Assert.Equal("Only Map objects supported in absence of schema for [header copy], found: System.String", e.Message);
    }

    [Fact]
    public void Configure_DifferentLengths_ThrowsConfigException()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<HeaderFrom.Value>(("fields", "a,b"), ("headers", "h"), ("operation", "copy")));
        Assert.Equal("'fields' config must have the same number of elements as 'headers' config.", e.Message);
    }

    [Fact]
    public void Configure_UnknownOperation_ThrowsConfigExceptionNamingOperation()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<HeaderFrom.Value>(("fields", "a"), ("headers", "h"), ("operation", "swap")));
        Assert.Equal("operation", e.Name);
    }
}
