using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class HoistFieldTests
{
    [Fact]
    public void Apply_SchemalessKey_WrapsInMap()
    {
        using var transform = Records.Configured<HoistField.Key>(("field", "magic"));

        var result = transform.Apply(Records.Source(null, null, null, 42))!;

        Assert.Null(result.KeySchema);
        Assert.Equal(Records.Map(("magic", 42)), result.Key);
    }

    [Fact]
    public void Apply_KeyWithSchema_WrapsInStruct()
    {
        using var transform = Records.Configured<HoistField.Key>(("field", "magic"));

        var result = transform.Apply(Records.Source(null, null, Schema.Int32, 42))!;

        Assert.Equal(Schema.Int32, result.KeySchema!.Field("magic")!.Schema);
        Assert.Equal(42, ((Struct)result.Key!).Get("magic"));
    }

    [Fact]
    public void Apply_ValueWithSchema_WrapsValueOnly()
    {
        using var transform = Records.Configured<HoistField.Value>(("field", "line"));

        var result = transform.Apply(Records.Source(Schema.String, "hello", Schema.Int32, 1))!;

        Assert.Equal("hello", ((Struct)result.Value!).Get("line"));
        Assert.Equal(1, result.Key);
    }

    [Fact]
    public void Apply_NullWithOptionalSchema_WrapsNull()
    {
        using var transform = Records.Configured<HoistField.Value>(("field", "line"));

        var result = transform.Apply(Records.Source(Schema.OptionalString, null))!;

        Assert.Null(((Struct)result.Value!).Get("line"));
    }

    [Fact]
    public void Configure_MissingField_ThrowsConfigExceptionNamingField()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<HoistField.Value>());
        Assert.Equal("field", e.Name);
    }
}
