namespace OrleansConnect.Plugins.Mirror.Tests;

public sealed class IdentityReplicationPolicyTests
{
    private static readonly IdentityReplicationPolicy Policy = new(".", true, "us");

    [Fact]
    public void FormatRemoteTopic_Topic_KeepsItsNameButHeartbeatsArePrefixed()
    {
        Assert.Equal("orders", Policy.FormatRemoteTopic("us", "orders"));
        Assert.Equal("us.heartbeats", Policy.FormatRemoteTopic("us", "heartbeats"));
        Assert.Equal("us", Policy.TopicSource("orders"));
        Assert.Equal("orders", Policy.UpstreamTopic("orders"));
        Assert.Equal("orders", Policy.OriginalTopic("orders"));
    }
}
