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
}
