using OrleansConnect.Grains.Offsets;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Grains.Tests.Offsets;

public sealed class OffsetJsonTests
{
    [Fact]
    public void Write_KeysInAnyOrder_GivesTheSameCanonicalString()
    {
        var a = OffsetJson.Write(new Dictionary<string, object?> { ["b"] = 1, ["a"] = "x" });
        var b = OffsetJson.Write(new Dictionary<string, object?> { ["a"] = "x", ["b"] = 1L });

        Assert.Equal("{\"a\":\"x\",\"b\":1}", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Read_Written_RoundTripsWithIntegersAsLong()
    {
        var map = OffsetJson.Read(OffsetJson.Write(new Dictionary<string, object?> { ["position"] = 30, ["f"] = 1.5, ["ok"] = true, ["n"] = null }));

        Assert.Equal(30L, map["position"]);
        Assert.Equal(1.5, map["f"]);
        Assert.Equal(true, map["ok"]);
        Assert.Null(map["n"]);
    }

    [Fact]
    public void Write_NestedValue_ThrowsNamingTheField()
    {
        var e = Assert.Throws<DataException>(() => OffsetJson.Write(new Dictionary<string, object?> { ["bad"] = new List<int>() }));

        Assert.Contains("'bad'", e.Message, StringComparison.Ordinal);
    }
}
