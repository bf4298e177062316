namespace OrleansConnect.Plugins.Mirror.Tests;

public sealed class DefaultReplicationPolicyTests
{
    private static readonly DefaultReplicationPolicy Dot = new(".", internalTopicSeparatorEnabled: true);

    [Fact]
    public void FormatRemoteTopic_Topic_PrefixedWithSourceAlias()
    {
        Assert.Equal("us.orders", Dot.FormatRemoteTopic("us", "orders"));
        Assert.Equal("us_orders", new DefaultReplicationPolicy("_", true).FormatRemoteTopic("us", "orders"));
    }

    [Theory]
    [InlineData("us.orders", "us", "orders")]
    [InlineData("eu.us.orders", "eu", "us.orders")]
    [InlineData("orders", null, null)]
    [InlineData("orders.", null, null)]
    public void TopicSourceAndUpstreamTopic_Name_SplitAtTheFirstSeparator(string topic, string? source, string? upstream)
    {
        Assert.Equal(source, Dot.TopicSource(topic));
        Assert.Equal(upstream, Dot.UpstreamTopic(topic));
    }

    [Fact]
    public void InternalTopics_SeparatorEnabledOrNot_KafkasNames()
    {
        var dash = new DefaultReplicationPolicy("-", true);
        var dashLegacy = new DefaultReplicationPolicy("-", false);

        Assert.Equal("mm2-offset-syncs.tgt.internal", Dot.OffsetSyncsTopic("tgt"));
        Assert.Equal("src.checkpoints.internal", Dot.CheckpointsTopic("src"));
        Assert.Equal("mm2-offset-syncs-tgt-internal", dash.OffsetSyncsTopic("tgt"));
        Assert.Equal("src-checkpoints-internal", dash.CheckpointsTopic("src"));
        Assert.Equal("src.checkpoints.internal", dashLegacy.CheckpointsTopic("src"));
        Assert.True(Dot.IsInternalTopic("__consumer_offsets"));
        Assert.True(Dot.IsInternalTopic("connect-offsets-internal"));
        Assert.False(Dot.IsInternalTopic("orders"));
        Assert.True(Dot.IsHeartbeatsTopic("us.heartbeats"));
    }
}
