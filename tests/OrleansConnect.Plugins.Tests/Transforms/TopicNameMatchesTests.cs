using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Transforms.Predicates;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class TopicNameMatchesTests
{
    [Theory]
    [InlineData("my-prefix-.*", "my-prefix-", true)]
    [InlineData("my-prefix-.*", "my-prefix-foo", true)]
    [InlineData("my-prefix-.*", "x-my-prefix-", false)]
    [InlineData("my-prefix", "my-prefix-foo", false)]
    [InlineData("\\Qorders.\\E\\p{Alpha}++", "orders.eu", true)]
    [InlineData("\\Qorders.\\E\\p{Alpha}++", "ordersXeu", false)]
    public void Test_Topic_MatchesWholeName(string pattern, string topic, bool expected)
    {
        using var predicate = Records.ConfiguredPredicate<TopicNameMatches>(("pattern", pattern));

        Assert.Equal(expected, predicate.Test(new SinkRecord(topic, 0, null, null, null, null, 0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("orders-{region}")]
    public void Configure_InvalidPattern_ThrowsConfigExceptionNamingPattern(string pattern)
    {
        var e = Assert.Throws<ConfigException>(() => Records.ConfiguredPredicate<TopicNameMatches>(("pattern", pattern)));
        Assert.Equal("pattern", e.Name);
    }

    [Fact]
    public void Configure_MissingPattern_ThrowsConfigExceptionNamingPattern()
    {
        var e = Assert.Throws<ConfigException>(() => Records.ConfiguredPredicate<TopicNameMatches>());
        Assert.Equal("pattern", e.Name);
    }
}
