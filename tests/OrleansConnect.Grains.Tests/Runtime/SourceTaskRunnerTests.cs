using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>
/// The ways out of a source loop (Kafka's final offset commit): whether the task fails or is stopped, the records in
/// the producer are delivered first and every acknowledged record's offset commits. The interval commit is set far
/// beyond each test, so what commits is the final commit's.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SourceTaskRunnerTests(ClusterFixture fixture)
{
    private const int NoIntervalCommitMs = 600_000;

    [Fact]
    public async Task Execute_TaskFailsAfterItsRecords_AllRecordsInKafkaAndTheLastOffsetCommitted()
    {
        const int Records = 5_000;
        var name = Name();
        ClusterFixture.CreateTopic(name);
        var source = TaskLoops.CreateSource(name, name, new Dictionary<string, string>
        {
            [SequenceSourceConnector.CountConfig] = Records.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SequenceSourceConnector.BatchConfig] = "500",
            [SequenceSourceConnector.FailWhenDoneConfig] = "true",
        }, ClusterFixture.Kafka.BootstrapServers, fixture.Grains, worker => worker.OffsetFlushIntervalMs = NoIntervalCommitMs);

        source.Start();
        await TaskLoops.WaitForFailedAsync(source);
        var offsets = await fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync();

        Assert.Contains($"all {Records} records are out", source.Trace, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, Records).Select(i => $"0-{i}"), TaskLoops.ConsumeValues(name, ClusterFixture.Kafka.BootstrapServers));
        Assert.Equal($"{{\"i\":{Records - 1}}}", Assert.Single(offsets.Values));
    }

    [Fact]
    public async Task StopAsync_RecordsStillInTheProducer_DeliveredThenCommitted()
    {
        var name = Name();
        ClusterFixture.CreateTopic(name);
        var recording = RecordingStore.Get(name);
        var source = TaskLoops.CreateSource(name, name, new Dictionary<string, string>
        {
            [SequenceSourceConnector.CountConfig] = "100",
            [SequenceSourceConnector.BatchConfig] = "100",
            [SequenceSourceConnector.RecordingIdConfig] = name,

            // The producer holds the records for a minute unless flushed.
            ["producer.override.linger.ms"] = "60000",
        }, ClusterFixture.Kafka.BootstrapServers, fixture.Grains, worker => worker.OffsetFlushIntervalMs = NoIntervalCommitMs);

        source.Start();
        await Eventually.HoldsAsync(
            () => Task.FromResult(recording.PolledRecords),
            polled => polled == 100,
            polled => $"task {name}-0 polled {polled} of 100 records; {source.State} {source.Trace}");
        var beforeStop = TaskLoops.ConsumeValues(name, ClusterFixture.Kafka.BootstrapServers).Count;
        await source.StopAsync(TaskLoops.Timeout);
        var offsets = await fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync();

        Assert.Equal(0, beforeStop);
        Assert.True(source.IsCompleted, $"task {name}-0 did not stop");
        Assert.Null(source.Trace);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"0-{i}"), TaskLoops.ConsumeValues(name, ClusterFixture.Kafka.BootstrapServers));
        Assert.Equal("{\"i\":99}", Assert.Single(offsets.Values));
    }

    [Fact]
    public async Task StopAsync_FlushTimesOut_TheAcknowledgedRecordsCommit()
    {
        using var kafka = EmbeddedKafkaCluster.Start();
        var name = Name();
        kafka.CreateTopic(name, 1);
        var recording = RecordingStore.Get(name);
        var source = TaskLoops.CreateSource(name, name, new Dictionary<string, string>
        {
            [SequenceSourceConnector.CountConfig] = "100",
            [SequenceSourceConnector.BatchConfig] = "100",
            [SequenceSourceConnector.HoldAtConfig] = "50",
            [SequenceSourceConnector.RecordingIdConfig] = name,
        }, kafka.BootstrapServers, fixture.Grains, worker =>
        {
            worker.OffsetFlushIntervalMs = NoIntervalCommitMs;
            worker.OffsetFlushTimeoutMs = 1_000;
        });

        // Records 0-49 are acknowledged; with the broker down, 50-99 stay in the producer past offset.flush.timeout.ms.
        source.Start();
        await Eventually.HoldsAsync(
            () => Task.FromResult(recording.AcknowledgedRecords),
            acked => acked == 50,
            acked => $"task {name}-0: {acked} of 50 records acknowledged; {source.State} {source.Trace}");
        kafka.SetBrokerDown(1);
        recording.Release();
        await Eventually.HoldsAsync(
            () => Task.FromResult(recording.PolledRecords),
            polled => polled == 100,
            polled => $"task {name}-0 polled {polled} of 100 records; {source.State} {source.Trace}");
        await source.StopAsync(TaskLoops.Timeout);
        var offsets = await fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync();
        kafka.SetBrokerUp(1);

        Assert.True(source.IsCompleted, $"task {name}-0 did not stop");
        Assert.Equal("{\"i\":49}", Assert.Single(offsets.Values));
    }

    private static string Name() => "source-runner-" + Guid.NewGuid().ToString("N")[..8];
}
