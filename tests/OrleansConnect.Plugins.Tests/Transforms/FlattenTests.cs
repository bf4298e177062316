using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class FlattenTests
{
    [Fact]
    public void Apply_NestedStruct_FlattensWithDelimiter()
    {
        var inner = SchemaBuilder.Struct().Field("int32", Schema.Int32).Field("array", SchemaBuilder.Array(Schema.Int32).Build()).Build();
        var outer = SchemaBuilder.Struct().Field("a", Schema.String).Field("b", inner).Build();
        var value = new Struct(outer).Put("a", "x").Put("b", new Struct(inner).Put("int32", 1).Put("array", new List<int> { 1 }));
        using var transform = Records.Configured<Flatten.Value>(("delimiter", "#"));

        var result = transform.Apply(Records.Source(outer, value))!;

        Assert.Equal(["a", "b#int32", "b#array"], result.ValueSchema!.Fields.Select(f => f.Name));
        var flat = (Struct)result.Value!;
        Assert.Equal("x", flat.Get("a"));
        Assert.Equal(1, flat.Get("b#int32"));
        Assert.Equal([1], (List<int>)flat.Get("b#array")!);
    }

    [Fact]
    public void Apply_OptionalNestedStruct_MakesFieldsOptional()
    {
        var inner = SchemaBuilder.Struct().Optional().Field("n", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("b", inner).Build();
        using var transform = Records.Configured<Flatten.Value>();

        var result = transform.Apply(Records.Source(outer, new Struct(outer)))!;

        Assert.Equal(Schema.OptionalInt32, result.ValueSchema!.Field("b.n")!.Schema);
        Assert.Null(((Struct)result.Value!).Get("b.n"));
    }

    [Fact]
    public void Apply_NestedMaps_FlattensAndKeepsLists()
    {
        using var transform = Records.Configured<Flatten.Key>();
        var key = Records.Map(("a", Records.Map(("b", 1), ("c", Records.Map(("d", "x"))))), ("e", new List<object?> { 1 }), ("n", null));

        var result = transform.Apply(Records.Source(null, null, null, key))!;

        var flat = Assert.IsType<Dictionary<string, object?>>(result.Key);
        Assert.Equal(1, flat["a.b"]);
        Assert.Equal("x", flat["a.c.d"]);
        Assert.Equal([1], (List<object?>)flat["e"]!);
        Assert.Null(flat["n"]);
    }

    [Fact]
    public void Apply_StructInsideSchemalessMap_ThrowsDataException()
    {
        var schema = SchemaBuilder.Struct().Field("n", Schema.Int32).Build();
        using var transform = Records.Configured<Flatten.Value>();

        Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, Records.Map(("s", new Struct(schema).Put("n", 1))))));
    }

    [Fact]
    public void Apply_Tombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<Flatten.Value>();
        var record = Records.Source(null, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_StringWithoutSchema_ThrowsDataException()
    {
        using var transform = Records.Configured<Flatten.Value>();

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, "text")));
        Assert.Equal("Only Map objects supported in absence of schema for [flattening], found: System.String", e.Message);
    }

    [Fact]
    public void Config_DelimiterDefaultsToDot()
    {
        using var transform = new Flatten.Value();

        Assert.Equal(".", transform.Config.Find("delimiter")!.DefaultValue);
    }

    [Fact]
    public void Apply_MapFieldInStruct_IsKeptAsItIs()
    {
        var mapSchema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();
        var nested = SchemaBuilder.Struct().Field("m", mapSchema).Build();
        var schema = SchemaBuilder.Struct().Field("s", nested).Build();
        var map = new Dictionary<string, int> { ["k"] = 1 };
        using var transform = Records.Configured<Flatten.Value>();

        var result = transform.Apply(Records.Source(schema, new Struct(schema).Put("s", new Struct(nested).Put("m", map))))!;

        var flat = Assert.IsType<Struct>(result.Value);
        Assert.Equal(mapSchema, result.ValueSchema!.Field("s.m")!.Schema);
        Assert.Same(map, flat.Get("s.m"));
    }

    [Fact]
    public void Apply_NullWithStructSchema_GivesFlattenedSchemaAndNull()
    {
        var nested = SchemaBuilder.Struct().Field("n", Schema.Int32).Build();
        var schema = SchemaBuilder.Struct().Field("s", nested).Optional().Build();
        using var transform = Records.Configured<Flatten.Value>();

        var result = transform.Apply(Records.Source(schema, null))!;

        Assert.Null(result.Value);
        Assert.Equal(["s.n"], result.ValueSchema!.Fields.Select(f => f.Name));
    }
}
