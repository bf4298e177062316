using System.Collections.Immutable;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>
/// Task loops on their own, as a silo runs them: the recording test sink without the Orleans cluster (a sink loop
/// makes no grain calls), the test sequence source with a cluster for its offsets; String converters by default, on
/// a given Kafka cluster.
/// </summary>
internal static class TaskLoops
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A loop for task 0 of a recording sink named <paramref name="name"/> on <paramref name="topic"/>, with extra connector settings.</summary>
    public static SinkTaskRunner Create(string name, string topic, IReadOnlyDictionary<string, string>? settings = null, string? bootstrapServers = null, ILoggerFactory? logs = null) =>
        new(Assignment(name, ConnectorType.Sink, typeof(RecordingSinkConnector), topic, settings), Runtime(bootstrapServers ?? ClusterFixture.Kafka.BootstrapServers, null, logs));

    /// <summary>
    /// A loop for task 0 of a test sequence source named <paramref name="name"/> writing to <paramref name="topic"/>,
    /// its offsets kept by the cluster behind <paramref name="grains"/>; <paramref name="worker"/> changes the worker
    /// settings (a flush interval of 200 ms by default).
    /// </summary>
    public static SourceTaskRunner CreateSource(string name, string topic, IReadOnlyDictionary<string, string> settings, string bootstrapServers, IGrainFactory grains, Action<WorkerOptions>? worker = null) =>
        new(Assignment(name, ConnectorType.Source, typeof(SequenceSourceConnector), topic, settings), Runtime(bootstrapServers, grains, null, worker));

    private static TaskAssignment Assignment(string name, ConnectorType type, Type connector, string topic, IReadOnlyDictionary<string, string>? settings)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = name,
            ["connector.class"] = connector.FullName!,
            ["recording.id"] = name,
            ["task.number"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        // A sink subscribes to its topic unless the test gives topics.regex instead.
        if (type == ConnectorType.Source || !config.ContainsKey("topics.regex"))
        {
            config[type == ConnectorType.Sink ? "topics" : "topic"] = topic;
        }

        var immutable = config.ToImmutableDictionary();
        return new TaskAssignment(new TaskId(name, 0), 1, type, immutable, immutable, TargetState.Started);
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

    /// <summary>Waits until the loop has failed.</summary>
    public static Task WaitForFailedAsync(WorkerTask task) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(task.State),
            state => state == ConnectorState.Failed,
            state => $"task {task.Assignment.Id} {state}, expected FAILED");

    /// <summary>The values of partition 0 of the topic, from its beginning to its end.</summary>
    public static List<string> ConsumeValues(string topic, string bootstrapServers)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "read-" + Guid.NewGuid().ToString("N"),
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var values = new List<string>();
        while (consumer.Consume(Timeout) is { } result && !result.IsPartitionEOF)
        {
            values.Add(result.Message.Value);
        }

        return values;
    }

    /// <summary>The committed offset of the sink's group on partition 0 of the topic.</summary>
    public static long Committed(string name, string topic, string? bootstrapServers = null)
    {
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers ?? ClusterFixture.Kafka.BootstrapServers, GroupId = $"connect-{name}" }).Build();
        return group.Committed([new TopicPartition(topic, 0)], Timeout)[0].Offset.Value;
    }

    /// <summary>Commits <paramref name="offset"/> for the sink's group on partition 0 of the topic, as a stopped sink would have.</summary>
    public static void Commit(string name, string topic, long offset)
    {
        using var group = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = ClusterFixture.Kafka.BootstrapServers, GroupId = $"connect-{name}" }).Build();
        group.Commit([new TopicPartitionOffset(topic, 0, offset)]);
    }

    /// <summary>The log start and end offsets of partition 0 of the topic.</summary>
    public static WatermarkOffsets Watermarks(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = ClusterFixture.Kafka.BootstrapServers, GroupId = "watermarks" }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), Timeout);
    }

    /// <summary>A silo's task runtime; without <paramref name="grains"/> for loops that make no grain calls (sinks).</summary>
    private static TaskRuntime Runtime(string bootstrapServers, IGrainFactory? grains, ILoggerFactory? logs, Action<WorkerOptions>? worker = null)
    {
        var settings = new WorkerOptions
        {
            KeyConverter = "org.apache.kafka.connect.storage.StringConverter",
            ValueConverter = "org.apache.kafka.connect.storage.StringConverter",

            // The recording sink makes records visible only when flushed, which happens before each commit.
            OffsetFlushIntervalMs = 200,
        };
        worker?.Invoke(settings);
        var options = Options.Create(settings);
        var registry = new PluginRegistry(
            [typeof(RecordingSinkConnector).Assembly, typeof(OrleansConnect.Plugins.Converters.StringConverter).Assembly],
            string.Empty,
            NullLogger<PluginRegistry>.Instance);
        var kafka = new KafkaCluster(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers }), NullLogger<KafkaCluster>.Instance);
        return new TaskRuntime(registry, options, kafka, grains!, logs ?? NullLoggerFactory.Instance);
    }
}
