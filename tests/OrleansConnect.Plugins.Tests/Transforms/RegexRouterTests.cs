using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Plugins.Tests.Transforms;

public sealed class RegexRouterTests
{
    [Theory]
    [InlineData("", "", "", "")]
    [InlineData("foo", "bar", "orig", "orig")]
    [InlineData("foo", "bar", "foo", "bar")]
    [InlineData("foo", "bar", "foofoo", "foofoo")]
    [InlineData("(.*)", "prefix-$1", "orig", "prefix-orig")]
    [InlineData("(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117", "index")]
    [InlineData("(?<name>[a-z]+)-.*", "${name}-all", "orders-eu", "orders-all")]
    [InlineData("(.*)", "$10", "orders", "orders0")]
    [InlineData("(.*)", "\\$$1", "orders", "$orders")]
    [InlineData("(?<region>[a-z]+)-(.*)", "$2.$1", "eu-orders", "orders.eu")]
    [InlineData("\\Qa.b\\E-(.*)", "$1", "a.b-x", "x")]
    [InlineData("(\\p{Lower}++)-raw", "$1", "orders-raw", "orders")]
    public void Apply_Topic_IsRewrittenOnlyOnWholeMatch(string regex, string replacement, string topic, string expected)
    {
        using var router = Records.Configured<RegexRouter>(("regex", regex), ("replacement", replacement));

        var result = router.Apply(new SinkRecord(topic, 0, null, null, null, null, 0))!;

        Assert.Equal(expected, result.Topic);
    }

    [Fact]
    public void Apply_Record_KeepsKindAndOffset()
    {
        using var router = Records.Configured<RegexRouter>(("regex", "t(.*)"), ("replacement", "x$1"));

        var result = Assert.IsType<SinkRecord>(router.Apply(new SinkRecord("test", 3, null, "k", null, "v", 17)));

        Assert.Equal(("xest", 3, 17L, "k", "v"), (result.Topic, result.KafkaPartition!.Value, result.KafkaOffset, (string)result.Key!, (string)result.Value!));
    }

    [Fact]
    public void Configure_InvalidRegex_ThrowsConfigExceptionNamingRegex()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<RegexRouter>(("regex", "(unclosed"), ("replacement", "x")));
        Assert.Equal("regex", e.Name);
    }

    [Theory]
    [InlineData("(.*)", "$2")]
    [InlineData("(.*)", "x\\")]
    [InlineData("(.*)", "cost$")]
    [InlineData("(.*)", "${missing}")]
    public void Configure_ReplacementJavaRejects_ThrowsConfigExceptionNamingReplacement(string regex, string replacement)
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<RegexRouter>(("regex", regex), ("replacement", replacement)));
        Assert.Equal("replacement", e.Name);
    }

    [Theory]
    [InlineData("${topic}")]
    [InlineData("[a-z&&[^x]]")]
    public void Configure_RegexJavaRejectsOrCannotTranslate_ThrowsConfigExceptionNamingRegex(string regex)
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<RegexRouter>(("regex", regex), ("replacement", "x")));
        Assert.Equal("regex", e.Name);
    }

    [Fact]
    public void Configure_MissingReplacement_ThrowsConfigExceptionNamingReplacement()
    {
        var e = Assert.Throws<ConfigException>(() => Records.Configured<RegexRouter>(("regex", "a")));
        Assert.Equal("replacement", e.Name);
    }
}
