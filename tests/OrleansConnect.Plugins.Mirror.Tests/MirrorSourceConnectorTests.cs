namespace OrleansConnect.Plugins.Mirror.Tests;

public sealed class MirrorSourceConnectorTests
{
    private static MirrorSourceConfig Config(params (string Key, string Value)[] extra)
    {
        var props = new Dictionary<string, string> { ["source.cluster.alias"] = "us", ["target.cluster.alias"] = "eu" };
        foreach (var (key, value) in extra)
        {
            props[key] = value;
        }

        return new MirrorSourceConfig(props);
    }

    [Theory]
    [InlineData("orders", true)]
    [InlineData("eu.orders", false)]
    [InlineData("ap.eu.orders", false)]
    [InlineData("ap.orders", true)]
    [InlineData("mm2-offset-syncs.eu.internal", false)]
    [InlineData("__consumer_offsets", false)]
    [InlineData("ap.heartbeats", true)]
    public void ShouldReplicate_Topic_SelectedNotInternalNoCycle(string topic, bool expected)
    {
        var config = Config();

        Assert.Equal(expected, MirrorSourceConnector.ShouldReplicate(config, config.TopicFilter(), topic));
    }

    [Fact]
    public void ShouldReplicate_HeartbeatsOutsideTheFilter_OnlyWithHeartbeatsReplication()
    {
        var on = Config(("topics", "orders"));
        var off = Config(("topics", "orders"), ("heartbeats.replication.enabled", "false"));

        Assert.True(MirrorSourceConnector.ShouldReplicate(on, on.TopicFilter(), "heartbeats"));
        Assert.False(MirrorSourceConnector.ShouldReplicate(off, off.TopicFilter(), "heartbeats"));
    }

    [Fact]
    public async Task AlterOffsetsAsync_WrongShapes_RefusedWithKafkasMessages()
    {
        var connector = new MirrorSourceConnector();
        IReadOnlyDictionary<string, object?> partition = new Dictionary<string, object?> { ["cluster"] = "us", ["topic"] = "orders", ["partition"] = 0L };
        IReadOnlyDictionary<string, object?> negative = new Dictionary<string, object?> { ["offset"] = -1L };
        IReadOnlyDictionary<string, object?> good = new Dictionary<string, object?> { ["offset"] = 5L };
        IReadOnlyDictionary<string, object?> noTopic = new Dictionary<string, object?> { ["cluster"] = "us", ["partition"] = 0L };

        Assert.True(await connector.AlterOffsetsAsync(new Dictionary<string, string>(), [new(partition, good), new(noTopic, null)], TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<Errors.ConnectException>(() => connector.AlterOffsetsAsync(new Dictionary<string, string>(), [new(partition, negative)], TestContext.Current.CancellationToken));
        Assert.Contains("cannot be negative", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<Errors.ConnectException>(() => connector.AlterOffsetsAsync(new Dictionary<string, string>(), [new(noTopic, good)], TestContext.Current.CancellationToken));
        Assert.Contains("missing the 'topic' key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoBootstrapServers_ErrorsNameTheKeys()
    {
        var results = new MirrorSourceConnector().Validate(new Dictionary<string, string> { ["source.cluster.alias"] = "us" });

        Assert.NotEmpty(results.Single(r => r.Name == "source.cluster.bootstrap.servers").ErrorMessages);
        Assert.NotEmpty(results.Single(r => r.Name == "target.cluster.bootstrap.servers").ErrorMessages);
    }
}
