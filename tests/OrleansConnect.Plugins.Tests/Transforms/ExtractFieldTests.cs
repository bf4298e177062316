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

    private static readonly Schema Inner = SchemaBuilder.Struct().Field("c", Schema.Int32).Field("d", SchemaBuilder.Int32().Optional().DefaultValue(7).Build()).Optional().Build();
    private static readonly Schema Nested = SchemaBuilder.Struct().Field("a", Inner).Field("a.b", Schema.String).Build();

    [Theory]
    [InlineData("a.c", "V2", 1)]
    [InlineData("`a`.c", "V2", 1)]
    [InlineData("a.c", "v2", 1)]
    [InlineData("a.d", "V2", 7)]
    public void Apply_V2NestedPathInStruct_ExtractsNestedField(string path, string version, int expected)
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", path), ("field.syntax.version", version));
        var value = new Struct(Nested).Put("a", new Struct(Inner).Put("c", 1)).Put("a.b", "x");

        var result = transform.Apply(Records.Source(Nested, value))!;

        Assert.Equal(expected, result.Value);
        Assert.Equal(Inner.Field(path[^1..])!.Schema, result.ValueSchema);
    }

    [Fact]
    public void Apply_V2BacktickedNameWithDot_ExtractsTopLevelField()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "`a.b`"), ("field.syntax.version", "V2"));

        var result = transform.Apply(Records.Source(Nested, new Struct(Nested).Put("a.b", "x")))!;

        Assert.Equal((Schema.String, (object?)"x"), (result.ValueSchema, result.Value));
    }

    [Fact]
    public void Apply_V1DottedName_IsOneTopLevelName()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "a.b"));

        var result = transform.Apply(Records.Source(Nested, new Struct(Nested).Put("a.b", "x")))!;

        Assert.Equal("x", result.Value);
    }

    [Fact]
    public void Apply_V2NullIntermediateStruct_GivesNull()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "a.c"), ("field.syntax.version", "V2"));

        var result = transform.Apply(Records.Source(Nested, new Struct(Nested).Put("a.b", "x")))!;

        Assert.Equal((Schema.Int32, (object?)null), (result.ValueSchema, result.Value));
    }

    [Fact]
    public void Apply_V2UnknownNestedField_ThrowsDataExceptionNamingPath()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "a.zz"), ("field.syntax.version", "V2"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Nested, new Struct(Nested).Put("a.b", "x"))));

        Assert.Equal("Unknown field: a.zz", e.Message);
    }

    [Fact]
    public void Apply_V2NestedMaps_ExtractsOrGivesNull()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "x.`y.z`"), ("field.syntax.version", "V2"));

        var found = transform.Apply(Records.Source(null, Records.Map(("x", Records.Map(("y.z", 5))))))!;
        var missing = transform.Apply(Records.Source(null, Records.Map(("other", 1))))!;

        Assert.Equal((5, (object?)null), (found.Value, missing.Value));
    }

    [Fact]
    public void Apply_V2IntermediateNotAMap_ThrowsDataException()
    {
        using var transform = Records.Configured<ExtractField.Value>(("field", "x.y"), ("field.syntax.version", "V2"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(null, Records.Map(("x", "text")))));

        Assert.Equal("Only Map objects supported in absence of schema for [nested field access], found: System.String", e.Message);
    }

    [Theory]
    [InlineData("`a.b")]
    [InlineData("`a\\`")]
    public void Configure_V2IncompleteBacktick_ThrowsConfigExceptionNamingField(string path)
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ExtractField.Value>(("field", path), ("field.syntax.version", "V2")));

        Assert.Equal("field", e.Name);
    }

    [Fact]
    public void Configure_UnknownSyntaxVersion_ThrowsConfigExceptionNamingKey()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ExtractField.Value>(("field", "a"), ("field.syntax.version", "V3")));

        Assert.Equal("field.syntax.version", e.Name);
    }
}
