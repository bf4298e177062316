using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class ValueToKeyTests
{
    [Fact]
    public void Apply_Schemaless_KeyIsMapOfFields()
    {
        using var transform = Records.Configured<ValueToKey>(("fields", "a,b"));
        var value = Records.Map(("a", 1), ("b", 2), ("c", 3));

        var result = transform.Apply(Records.Source(null, value))!;

        Assert.Null(result.KeySchema);
        Assert.Equal(Records.Map(("a", 1), ("b", 2)), result.Key);
        Assert.Same(value, result.Value);
    }

    [Fact]
    public void Apply_Struct_KeyIsStructOfFields()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Field("c", Schema.Int32).Build();
        var value = new Struct(schema).Put("a", 1).Put("b", 2).Put("c", 3);
        using var transform = Records.Configured<ValueToKey>(("fields", "a,b"));

        var result = transform.Apply(Records.Source(schema, value))!;

        var expectedSchema = SchemaBuilder.Struct().Field("a", Schema.Int32).Field("b", Schema.Int32).Build();
        Assert.Equal(expectedSchema, result.KeySchema);
        Assert.Equal(new Struct(expectedSchema).Put("a", 1).Put("b", 2), result.Key);
    }

    [Fact]
    public void Apply_StructWithoutField_ThrowsDataException()
    {
        var schema = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        using var transform = Records.Configured<ValueToKey>(("fields", "not_exist"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(schema, new Struct(schema).Put("a", 1))));
        Assert.Equal("Field does not exist: not_exist", e.Message);
    }

    [Fact]
    public void Apply_SchemalessTombstone_ThrowsDataException()
    {
        using var transform = Records.Configured<ValueToKey>(("fields", "a"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, null)));
        Assert.Equal("Only Map objects supported in absence of schema for [copying fields from value to key], found: null", e.Message);
    }

    [Fact]
    public void Configure_MissingFields_ThrowsConfigExceptionNamingFields()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ValueToKey>());
        Assert.Equal("fields", e.Name);
    }

    [Fact]
    public void Configure_EmptyFields_ThrowsConfigExceptionNamingFields()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ValueToKey>(("fields", "")));
        Assert.Equal("fields", e.Name);
        Assert.EndsWith("Empty list", e.Message, StringComparison.Ordinal);
    }
}
