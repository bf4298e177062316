using System.Text;
using Confluent.Kafka;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>The sink loop on its own: no Orleans cluster, the embedded Kafka, the recording test sink.</summary>
public sealed class SinkTaskRunnerTests
{
    [Fact]
    public async Task Run_PrefilledTopic_PutsEveryRecordAndCommitsTheGroupOffsetOnStop()
    {
        var topic = "runner-" + Guid.NewGuid().ToString("N")[..8];
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, 100).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{i}") }));

        var runner = TaskLoops.Create(topic, topic);
        runner.Start();
        var records = await RecordingStore.Get(topic).WaitForAsync(100, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"v{i}"), records.Select(r => r.Value));
        Assert.Equal(ConnectorState.Unassigned, runner.State);
        Assert.Null(runner.Trace);
        Assert.Equal(100, TaskLoops.Committed(topic, topic));
    }

    [Fact]
    public async Task Run_CommittedOffsetDeletedByTheLogLimit_LogsTheGapCountsItAndGoesOnFromTheLogStart()
    {
        var topic = Unique("gap");
        var logStart = ProduceBeyondTheLogLimit(topic, committed: 0);
        var logs = new CapturedLogs();

        var runner = TaskLoops.Create(topic, topic, logs: logs.Factory());
        runner.Start();
        var gap = await logs.WaitForAsync("were deleted before this task read them", TaskLoops.Timeout);
        var end = TaskLoops.Watermarks(topic).High.Value;
        var records = await RecordingStore.Get(topic).WaitForAsync((int)(end - logStart), TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Contains($"records {topic} partition 0 offsets 0 to {logStart - 1} were deleted", gap, StringComparison.Ordinal);
        Assert.Contains($"{logStart} records skipped", gap, StringComparison.Ordinal);
        Assert.Equal(logStart, runner.LostRecords);
        Assert.Equal(logStart, records[0].KafkaOffset);
        Assert.Equal(end - logStart, records.Count);
        Assert.Null(runner.Trace);
    }

    [Fact]
    public async Task Run_DeletedPositionWithAutoOffsetResetNone_FailsNamingTopicPartitionAndOffsets()
    {
        var topic = Unique("gapnone");
        var logStart = ProduceBeyondTheLogLimit(topic, committed: 0);

        var runner = TaskLoops.Create(topic, topic, new Dictionary<string, string> { ["consumer.override.auto.offset.reset"] = "none" });
        runner.Start();
        await WaitForStateAsync(runner, ConnectorState.Failed);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Contains($"Topic {topic} partition 0: the position 0 is no longer in the log", runner.Trace, StringComparison.Ordinal);
        Assert.Contains($"offsets 0 to {logStart - 1} ({logStart} records) were deleted", runner.Trace, StringComparison.Ordinal);
        Assert.Contains("consumer.override.auto.offset.reset=none", runner.Trace, StringComparison.Ordinal);
        Assert.Equal(0, runner.LostRecords);
        Assert.Empty(RecordingStore.Get(topic).Flushed);
        Assert.Equal(0, TaskLoops.Committed(topic, topic));
    }

    [Fact]
    public async Task Run_NoCommittedOffsetOnATopicWhoseStartWasDeleted_StartsAtTheLogStartWithoutAGap()
    {
        var topic = Unique("nogap");
        var logStart = ProduceBeyondTheLogLimit(topic, committed: null);
        var end = TaskLoops.Watermarks(topic).High.Value;

        var runner = TaskLoops.Create(topic, topic);
        runner.Start();
        var records = await RecordingStore.Get(topic).WaitForAsync((int)(end - logStart), TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal(logStart, records[0].KafkaOffset);
        Assert.Equal(0, runner.LostRecords);
    }

    [Fact]
    public async Task Run_TransactionMarkersBetweenRecords_AreNoGap()
    {
        var topic = Unique("txn");
        ClusterFixture.CreateTopic(topic);
        using (var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = ClusterFixture.Kafka.BootstrapServers, TransactionalId = topic }).Build())
        {
            producer.InitTransactions(TaskLoops.Timeout);
            for (var transaction = 0; transaction < 3; transaction++)
            {
                producer.BeginTransaction();
                for (var i = 0; i < 10; i++)
                {
                    producer.Produce(new TopicPartition(topic, 0), new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{(transaction * 10) + i}") });
                }

                producer.CommitTransaction(TaskLoops.Timeout);
            }
        }

        var runner = TaskLoops.Create(topic, topic);
        runner.Start();
        var records = await RecordingStore.Get(topic).WaitForAsync(30, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"v{i}"), records.Select(r => r.Value));
        Assert.True(records[^1].KafkaOffset > 29, $"the markers should leave holes: last offset {records[^1].KafkaOffset}");
        Assert.Equal(0, runner.LostRecords);
    }

    [Fact]
    public async Task Run_TopicCreatedAfterTheSink_StaysRunningThenConsumesItFromTheStart()
    {
        var topic = Unique("later");
        var logs = new CapturedLogs();

        var runner = TaskLoops.Create(topic, topic, logs: logs.Factory());
        runner.Start();
        await logs.WaitForAsync($"Subscribed topic not available: {topic}", TaskLoops.Timeout);
        var waiting = (runner.State, RecordingStore.Get(topic).Flushed.Count);
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, 10).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{i}") }));
        var records = await RecordingStore.Get(topic).WaitForAsync(10, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal((ConnectorState.Running, 0), waiting);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), records.Select(r => r.Value));
        Assert.Null(runner.Trace);
    }

    [Fact]
    public async Task Run_TopicsRegexMatchingNothingYet_StaysRunningThenConsumesAMatchingTopicFromTheStart()
    {
        var name = Unique("regex");
        var topic = name + "-a";

        // As in Kafka the expression matches whole topic names: name-ab (say, a dead letter queue) is not read.
        var runner = TaskLoops.Create(name, topic, new Dictionary<string, string> { ["topics.regex"] = name + "-[a-z]" });
        runner.Start();
        await WaitForStateAsync(runner, ConnectorState.Running);
        ClusterFixture.CreateTopic(name + "-ab");
        TaskLoops.Produce(name + "-ab", [new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes("not matched") }]);
        ClusterFixture.CreateTopic(topic);
        TaskLoops.Produce(topic, Enumerable.Range(0, 10).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"v{i}") }));
        await RecordingStore.Get(name).WaitForAsync(10, TaskLoops.Timeout);

        // One more after the first ten: the name-ab record, older than all of them, would have arrived by then.
        TaskLoops.Produce(topic, [new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes("v10") }]);
        var records = await RecordingStore.Get(name).WaitForAsync(11, TaskLoops.Timeout);
        await runner.StopAsync(TaskLoops.Timeout);

        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"v{i}"), records.Select(r => r.Value));
        Assert.All(records, r => Assert.Equal(topic, r.Topic));
        Assert.Null(runner.Trace);
    }

    private static Task WaitForStateAsync(SinkTaskRunner runner, ConnectorState expected) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(runner.State),
            state => state == expected,
            state => $"sink {runner.Assignment.Id}: state {state}, expected {expected}",
            TaskLoops.Timeout);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>
    /// Creates the topic, commits <paramref name="committed"/> for the sink's group (none when null) and produces 6 MB of
    /// 1 KB values, past the embedded Kafka's 5 MB per partition: its oldest records are deleted.
    /// </summary>
    /// <returns>The log start offset after that.</returns>
    private static long ProduceBeyondTheLogLimit(string topic, long? committed)
    {
        ClusterFixture.CreateTopic(topic);
        if (committed is { } offset)
        {
            TaskLoops.Commit(topic, topic, offset);
        }

        var value = new string('x', 1024);
        TaskLoops.Produce(topic, Enumerable.Range(0, 6 * 1024).Select(i => new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"{i}:{value}") }));
        var logStart = TaskLoops.Watermarks(topic).Low.Value;
        Assert.True(logStart > 0, $"the embedded Kafka kept all of {topic}: log start {logStart}");
        return logStart;
    }
}
