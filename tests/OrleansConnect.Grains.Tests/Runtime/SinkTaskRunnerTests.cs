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
}
