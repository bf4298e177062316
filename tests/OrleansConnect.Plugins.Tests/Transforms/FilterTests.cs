using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class FilterTests
{
    [Fact]
    public void Apply_AnyRecord_DropsIt()
    {
        using var filter = Records.Configured<Filter>();

        Assert.Null(filter.Apply(Records.Source(null, "v")));
        Assert.Null(filter.Apply(Records.Sink(null, null)));
    }

    [Fact]
    public void Config_HasNoKeys()
    {
        using var filter = new Filter();

        Assert.Empty(filter.Config.ConfigKeys);
    }
}
