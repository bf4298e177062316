using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class ReplaceFieldTests
{
    private static readonly Schema Schema5 = SchemaBuilder.Struct()
        .Field("dont", Schema.String)
        .Field("abc", Schema.Int32)
        .Field("foo", Schema.Boolean)
        .Field("etc", Schema.String)
        .Build();

    private static Struct Value5() => new Struct(Schema5).Put("dont", "whatever").Put("abc", 42).Put("foo", true).Put("etc", "etc");

    [Fact]
    public void Apply_Schemaless_ExcludesIncludesAndRenames()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("exclude", "dont"), ("renames", "abc:xyz,foo:bar"));

        var result = transform.Apply(Records.Source(null, Records.Map(("dont", "whatever"), ("abc", 42), ("foo", true), ("etc", "etc"))))!;

        Assert.Equal(Records.Map(("xyz", 42), ("bar", true), ("etc", "etc")), result.Value);
    }

    [Fact]
    public void Apply_Struct_IncludesAndRenames()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("include", "abc,foo"), ("renames", "abc:xyz,foo:bar"));

        var result = transform.Apply(Records.Source(Schema5, Value5()))!;

        var updated = Assert.IsType<Struct>(result.Value);
        Assert.Equal(["xyz", "bar"], result.ValueSchema!.Fields.Select(f => f.Name));
        Assert.Equal(42, updated.Get("xyz"));
        Assert.Equal(true, updated.Get("bar"));
    }

    [Fact]
    public void Apply_ExcludeAndInclude_ExcludeWins()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("include", "abc,foo"), ("exclude", "foo"));

        var result = transform.Apply(Records.Source(Schema5, Value5()))!;

        Assert.Equal(["abc"], result.ValueSchema!.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Configure_DeprecatedBlacklistAndWhitelist_AreHonoured()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("whitelist", "abc,foo"), ("blacklist", "foo"));

        var result = transform.Apply(Records.Source(null, Records.Map(("abc", 1), ("foo", 2), ("etc", 3))))!;

        Assert.Equal(Records.Map(("abc", 1)), result.Value);
    }

    [Fact]
    public void Configure_ExcludeAndBlacklist_ExcludeWins()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("exclude", "abc"), ("blacklist", "foo"));

        var result = transform.Apply(Records.Source(null, Records.Map(("abc", 1), ("foo", 2))))!;

        Assert.Equal(Records.Map(("foo", 2)), result.Value);
    }

    [Fact]
    public void Apply_Key_ChangesKeyOnly()
    {
        using var transform = Records.Configured<ReplaceField.Key>(("exclude", "dont"));

        var result = transform.Apply(Records.Source(Schema.String, "v", Schema5, Value5()))!;

        Assert.Equal(3, result.KeySchema!.Fields.Count);
        Assert.Equal("v", result.Value);
    }

    [Fact]
    public void Apply_Tombstone_PassesThroughUnchanged()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("exclude", "dont"));
        var record = Records.Source(null, null);

        Assert.Same(record, transform.Apply(record));
    }

    [Fact]
    public void Apply_SchemaWithNonStruct_ThrowsDataException()
    {
        using var transform = Records.Configured<ReplaceField.Value>(("exclude", "dont"));

        var e = Assert.Throws<DataException>(() => transform.Apply(Records.Source(Schema.String, "text")));
        Assert.Equal("Only Struct objects supported for [field replacement], found: System.String", e.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("abc:")]
    [InlineData("a:b:c")]
    public void Configure_InvalidRename_ThrowsConfigExceptionNamingRenames(string renames)
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<ReplaceField.Value>(("renames", renames)));
        Assert.Equal("renames", e.Name);
        Assert.Contains("Invalid rename mapping: " + renames, e.Message, StringComparison.Ordinal);
    }
}
