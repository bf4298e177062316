namespace OrleansConnect.Plugins.Mirror.Tests;

public sealed class PatternFilterTests
{
    [Fact]
    public void Matches_IncludeAndExclude_WholeNameAndExcludeWins()
    {
        var filter = new PatternFilter(["orders.*", "payments"], [".*-internal"]);

        Assert.True(filter.Matches("orders-eu"));
        Assert.True(filter.Matches("payments"));
        Assert.False(filter.Matches("payments2"));
        Assert.False(filter.Matches("orders-internal"));
        Assert.False(new PatternFilter([], []).Matches("orders"));
    }

    [Fact]
    public void LiteralNames_NamesOrRegexes_OnlyForPlainNames()
    {
        Assert.Equal(["billing", "shipping"], new PatternFilter(["billing", "shipping", "connect-x"], ["connect-.*"]).LiteralNames);
        Assert.Null(new PatternFilter([".*"], []).LiteralNames);
    }
}
