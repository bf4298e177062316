using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class SetSchemaMetadataTests
{
    [Fact]
    public void Apply_NameAndVersion_AreSetOnValueSchema()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"), ("schema.version", "42"));

        var result = transform.Apply(Records.Sink(SchemaBuilder.Struct().Build(), null))!;

        Assert.Equal("foo", result.ValueSchema!.Name);
        Assert.Equal(42, result.ValueSchema.Version);
    }

    [Fact]
    public void Apply_Struct_IsRebuiltAgainstNewSchema()
    {
        var schema = SchemaBuilder.Struct().Name("old").Field("stringField", Schema.String).Build();
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"));

        var result = transform.Apply(Records.Sink(schema, new Struct(schema).Put("stringField", "value")))!;

        var updated = Assert.IsType<Struct>(result.Value);
        Assert.Same(result.ValueSchema, updated.Schema);
        Assert.Equal("value", updated.Get("stringField"));
    }

    [Fact]
    public void Apply_Key_OnlyVersionChangesAndNameIsKept()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Key>(("schema.version", "2"));

        var result = transform.Apply(Records.Sink(null, null, SchemaBuilder.String().Name("k").Build(), "key"))!;

        Assert.Equal(("k", 2), (result.KeySchema!.Name, result.KeySchema.Version!.Value));
        Assert.Equal("key", result.Key);
    }

    [Fact]
    public void Apply_NoSchema_ThrowsDataException()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Sink(null, "v")));
        Assert.Equal("Schema required for [updating schema metadata]", e.Message);
    }

    [Fact]
    public void Configure_NothingToSet_ThrowsConfigException()
    {
        Assert.Throws<ConfigException>(() => Records.Configured<SetSchemaMetadata.Value>());
    }

    [Fact]
    public void Configure_NonNumericVersion_ThrowsConfigExceptionNamingVersion()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<SetSchemaMetadata.Value>(("schema.version", "one")));
        Assert.Equal("schema.version", e.Name);
    }

    [Fact]
    public void Apply_SchemalessTombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"));
        var record = Records.Sink(null, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_NullWithSchema_SetsMetadataAndKeepsNull()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"), ("schema.version", "3"));

        var result = transform.Apply(Records.Sink(Schema.OptionalString, null))!;

        Assert.Equal(("foo", 3, true, SchemaType.String), (result.ValueSchema!.Name, result.ValueSchema.Version!.Value, result.ValueSchema.IsOptional, result.ValueSchema.Type));
        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_NonStructSchemas_KeepTypeParametersDefaultAndValue()
    {
        using var transform = Records.Configured<SetSchemaMetadata.Value>(("schema.name", "foo"));
        var primitive = SchemaBuilder.Int32().Optional().DefaultValue(5).Doc("d").Parameter("p", "v").Build();
        var map = SchemaBuilder.Map(Schema.String, Schema.Int64).Build();
        var array = SchemaBuilder.Array(Schema.String).Optional().Build();
        var values = new Dictionary<string, long> { ["a"] = 1 };
        var list = new List<string> { "x" };

        var p = transform.Apply(Records.Sink(primitive, 9))!;
        var m = transform.Apply(Records.Sink(map, values))!;
        var a = transform.Apply(Records.Sink(array, list))!;

        Assert.Equal(("foo", SchemaType.Int32, true, (object?)5, "d", "v"), (p.ValueSchema!.Name, p.ValueSchema.Type, p.ValueSchema.IsOptional, p.ValueSchema.DefaultValue, p.ValueSchema.Doc, p.ValueSchema.Parameters!["p"]));
        Assert.Equal(9, p.Value);
        Assert.Equal(("foo", Schema.String, Schema.Int64), (m.ValueSchema!.Name, m.ValueSchema.KeySchema, m.ValueSchema.ValueSchema));
        Assert.Same(values, m.Value);
        Assert.Equal(("foo", Schema.String, true), (a.ValueSchema!.Name, a.ValueSchema.ValueSchema, a.ValueSchema.IsOptional));
        Assert.Same(list, a.Value);
    }
}
