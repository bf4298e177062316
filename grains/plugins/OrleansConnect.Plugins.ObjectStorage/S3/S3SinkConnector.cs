using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>
/// Confluent's S3 sink: lands the records of its topics in an S3 (or S3-compatible) bucket as objects named
/// <c>{topics.dir}/{topic}/{encoded partition}/{topic}+{partition}+{start offset}.{ext}</c>, and commits a topic
/// partition's offset only once the objects holding its records are in the bucket. Every task gets the same
/// configuration; the consumer group spreads the partitions.
/// </summary>
[PluginAlias("io.confluent.connect.s3.S3SinkConnector")]
public sealed class S3SinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => S3SinkConnectorConfig.Keys;

    public override Type TaskType => typeof(S3SinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        // The partitioner and the format check what the keys alone cannot (path.format's pattern), before any task starts.
        var config = new S3SinkConnectorConfig(props);
        _ = Partitioners.Partitioner.Create(config);
        _ = Formats.RecordFormat.Create(config);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The sink's position is its consumer group's alone, as Confluent's S3 sink (nothing is read back from the
    /// bucket): nothing to check or apply. Moving it back writes the same object names again.
    /// </summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
