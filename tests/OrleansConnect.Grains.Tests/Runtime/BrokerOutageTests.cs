using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>
/// A Kafka broker down for 30 s under a running source and sink (the embedded cluster's fault injection, on a cluster
/// of this test's own): no record is lost, and both tasks carry on by themselves when the broker is back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BrokerOutageTests(ClusterFixture fixture)
{
    private const int Records = 1_500;

    [Fact]
    public async Task BrokerDownThirtySeconds_UnderSourceAndSink_NothingLostAndTasksRecoverByThemselves()
    {
        using var kafka = EmbeddedKafkaCluster.Start();
        var name = "outage-" + Guid.NewGuid().ToString("N")[..8];
        kafka.CreateTopic(name, 1);
        var source = TaskLoops.CreateSource(name, name, new Dictionary<string, string>
        {
            [SequenceSourceConnector.CountConfig] = Records.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SequenceSourceConnector.BatchConfig] = "5",
            [SequenceSourceConnector.IntervalConfig] = "20",
        }, kafka.BootstrapServers, fixture.Grains);
        var sink = TaskLoops.Create(name, name, bootstrapServers: kafka.BootstrapServers);
        var recording = RecordingStore.Get(name);

        source.Start();
        sink.Start();
        await recording.WaitForAsync(100, TaskLoops.Timeout);
        kafka.SetBrokerDown(1);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var outageStart = recording.Flushed.Count;
        await Task.Delay(TimeSpan.FromSeconds(25), TestContext.Current.CancellationToken);
        var duringOutage = (source.State, sink.State);
        var outageEnd = recording.Flushed.Count;
        kafka.SetBrokerUp(1);

        var delivered = await Eventually.HoldsAsync(
            () => Task.FromResult(recording.Flushed.Select(r => (string)r.Value!).ToHashSet()),
            values => values.Count == Records,
            values => $"{values.Count} of {Records} records delivered; source {source.State} {source.Trace}; sink {sink.State} {sink.Trace}",
            TimeSpan.FromSeconds(120));
        var after = (source.State, sink.State);
        await sink.StopAsync(TaskLoops.Timeout);
        await source.StopAsync(TaskLoops.Timeout);

        Assert.True(outageStart == outageEnd && outageEnd < Records, $"records flowed while the broker was down: {outageStart} then {outageEnd}");
        Assert.Equal((ConnectorState.Running, ConnectorState.Running), duringOutage);
        Assert.Equal((ConnectorState.Running, ConnectorState.Running), after);
        Assert.Equal(Enumerable.Range(0, Records).Select(i => $"0-{i}").ToHashSet(), delivered);
    }
}
