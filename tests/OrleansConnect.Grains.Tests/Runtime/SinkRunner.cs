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

/// <summary>
/// A sink loop on its own, as a silo runs it but without the Orleans cluster (a sink loop makes no grain calls): the
/// recording test sink, String converters by default, on a given Kafka cluster.
/// </summary>
internal static class SinkRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A loop for task 0 of a recording sink named <paramref name="name"/> on <paramref name="topic"/>, with extra connector settings.</summary>
    public static SinkTaskRunner Create(string name, string topic, IReadOnlyDictionary<string, string>? settings = null, string? bootstrapServers = null)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = name,
            ["connector.class"] = typeof(RecordingSinkConnector).FullName!,
            ["topics"] = topic,
            ["recording.id"] = name,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        var immutable = config.ToImmutableDictionary();
        var assignment = new TaskAssignment(new TaskId(name, 0), 1, ConnectorType.Sink, immutable, immutable, TargetState.Started);
        return new SinkTaskRunner(assignment, Runtime(bootstrapServers ?? ClusterFixture.Kafka.BootstrapServers));
    }

    /// <summary>Produces the values (with keys and headers as given) to partition 0 of the topic and waits for them.</summary>
    public static void Produce(string topic, IEnumerable<Message<byte[]?, byte[]?>> messages, string? bootstrapServers = null)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = bootstrapServers ?? ClusterFixture.Kafka.BootstrapServers }).Build();
        foreach (var message in messages)
        {
            producer.Produce(new TopicPartition(topic, 0), message);
        }

        Assert.Equal(0, producer.Flush(Timeout));
    }

    /// <summary>The committed offset of the sink's group on partition 0 of the topic.</summary>
    public static long Committed(string name, string topic, string? bootstrapServers = null)
    {
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers ?? ClusterFixture.Kafka.BootstrapServers, GroupId = $"connect-{name}" }).Build();
        return group.Committed([new TopicPartition(topic, 0)], Timeout)[0].Offset.Value;
    }

    private static TaskRuntime Runtime(string bootstrapServers)
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
        var kafka = new KafkaCluster(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers }), NullLogger<KafkaCluster>.Instance);
        return new TaskRuntime(registry, options, kafka, null!, NullLoggerFactory.Instance);
    }
}
