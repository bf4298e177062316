using System.Collections.Immutable;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>The sink loop on its own: no Orleans cluster, the embedded Kafka, the recording test sink.</summary>
public sealed class SinkTaskRunnerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_PrefilledTopic_PutsEveryRecordAndCommitsTheGroupOffsetOnStop()
    {
        var topic = "runner-" + Guid.NewGuid().ToString("N")[..8];
        ClusterFixture.CreateTopic(topic);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = ClusterFixture.Kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(topic, new Message<Null, string> { Value = $"v{i}" });
            }

            Assert.Equal(0, producer.Flush(Timeout));
        }

        var runner = new SinkTaskRunner(Assignment(topic), Runtime());
        runner.Start();
        var records = await RecordingStore.Get(topic).WaitForAsync(100, Timeout);
        await runner.StopAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"v{i}"), records.Select(r => r.Value));
        Assert.Equal(ConnectorState.Unassigned, runner.State);
        Assert.Null(runner.Trace);
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = ClusterFixture.Kafka.BootstrapServers, GroupId = $"connect-{topic}" }).Build();
        var committed = group.Committed([new TopicPartition(topic, 0)], Timeout);
        Assert.Equal(100, committed[0].Offset.Value);
    }

    private static TaskAssignment Assignment(string name)
    {
        var config = ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["name"] = name,
            ["connector.class"] = typeof(RecordingSinkConnector).FullName!,
            ["topics"] = name,
            ["recording.id"] = name,
        });
        return new TaskAssignment(new TaskId(name, 0), 1, ConnectorType.Sink, config, config, TargetState.Started);
    }

    private static TaskRuntime Runtime()
    {
        var options = Options.Create(new WorkerOptions
        {
            KeyConverter = "org.apache.kafka.connect.storage.StringConverter",
            ValueConverter = "org.apache.kafka.connect.storage.StringConverter",

            // The recording sink makes records visible only when flushed, which happens before each commit.
            OffsetFlushIntervalMs = 200,
        });
        var registry = new PluginRegistry(
            [typeof(RecordingSinkConnector).Assembly, typeof(OrleansConnect.Plugins.Converters.StringConverter).Assembly],
            string.Empty,
            NullLogger<PluginRegistry>.Instance);

        // A sink loop makes no grain calls: no cluster behind the factory.
        return new TaskRuntime(registry, options, new KafkaCluster(Options.Create(new KafkaOptions { BootstrapServers = ClusterFixture.Kafka.BootstrapServers }), NullLogger<KafkaCluster>.Instance), null!, NullLoggerFactory.Instance);
    }
}
