using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class DropHeadersTests
{
    [Fact]
    public void Apply_ListedHeaders_AreRemovedOthersKeptInOrder()
    {
        using var transform = Records.Configured<DropHeaders>(("headers", "a,c"));
        var record = Records.Source(null, "v");
        record.Headers.AddString("a", "1").AddString("b", "2").AddString("a", "3").AddString("d", "4");

        var result = transform.Apply(record)!;

        Assert.Equal(["b", "d"], result.Headers.Select(h => h.Key));
        Assert.Equal(4, record.Headers.Count);
    }

    [Fact]
    public void Configure_EmptyHeaders_ThrowsConfigExceptionNamingHeaders()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<DropHeaders>(("headers", "")));
        Assert.Equal("headers", e.Name);
    }
}
