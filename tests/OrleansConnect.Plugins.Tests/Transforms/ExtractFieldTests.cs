using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class ExtractFieldTests
{
    [Fact]
    public void Apply_SchemalessKey_ReplacesKeyWithEntry()
    {
        using var transform = Records.Configured<ExtractField.Key>(("field", "magic"));

        var result = transform.Apply(Records.Source(null, null, null, Records.Map(("magic", 42))))!;

        Assert.Null(result.KeySchema);
        Assert.Equal(42, result.Key);
    }

    [Fact]
    public void Apply_StructKey_ReplacesKeyWithFieldAndSchema()
    {
        var schema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Build();
        using var transform = Records.Configured<ExtractField.Key>(("field", "magic"));

        var result = transform.Apply(Records.Source(null, null, schema, new Struct(schema).Put("magic", 42)))!;

        Assert.Equal(Schema.Int32, result.KeySchema);
        Assert.Equal(42, result.Key);
    }

    [Fact]
    public void Apply_SchemalessMissingField_GivesNull()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "nonexistent"));

        var result = transform.Apply(Records.Source(null, Records.Map(("magic", 42))))!;

        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_StructMissingField_ThrowsDataException()
    {
        var schema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Build();
        using var transform = Records.Configured<ExtractField.Value>(("field", "nonexistent"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(schema, new Struct(schema).Put("magic", 42))));
        Assert.Equal("Unknown field: nonexistent", e.Message);
    }

    [Fact]
    public void Apply_NullSchemalessValue_StaysNull()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "magic"));

        var result = transform.Apply(Records.Source(null, null))!;

        Assert.Null(result.ValueSchema);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_NullStructValue_GivesFieldSchemaAndNull()
    {
        var schema = SchemaBuilder.Struct().Optional().Field("magic", Schema.Int32).Build();
        using var transform = Records.Configured<ExtractField.Value>(("field", "magic"));

        var result = transform.Apply(Records.Source(schema, null))!;

        Assert.Equal(Schema.Int32, result.ValueSchema);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault()
    {
        var schema = SchemaBuilder.Struct().Field("magic", SchemaBuilder.Int32().Optional().DefaultValue(7).Build()).Build();
        using var replace = Records.Configured<ExtractField.Value>(("field", "magic"));
        using var keep = Records.Configured<ExtractField.Value>(("field", "magic"), ("replace.null.with.default", "false"));

        Assert.Equal(7, replace.Apply(Records.Source(schema, new Struct(schema)))!.Value);
        Assert.Null(keep.Apply(Records.Source(schema, new Struct(schema)))!.Value);
    }

    [Fact]
    public void Apply_StringValue_ThrowsDataException()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "magic"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, "text")));
        Assert.Equal("Only Map objects supported in absence of schema for [field extraction], found: System.String", e.Message);
    }

    [Fact]
    public void Configure_MissingField_ThrowsConfigExceptionNamingField()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ExtractField.Value>());
        Assert.Equal("field", e.Name);
    }
}
