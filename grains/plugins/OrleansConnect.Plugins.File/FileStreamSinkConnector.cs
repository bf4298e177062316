using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.File;

/// <summary>
/// Kafka's FileStreamSinkConnector: appends each record's value to a file, one line per record. Every task gets the
/// same config (with more than one task they append to the same file, as in Kafka).
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSinkConnector")]
public sealed class FileStreamSinkConnector : SinkConnector
{
    public const string FileConfig = "file";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(FileConfig, ConfigType.String, null, Importance.High,
            "Destination filename. If not specified, the standard output of the silo is used.");

    public override Type TaskType => typeof(FileStreamSinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new AbstractConfig(Config, props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Repeat(_props, maxTasks)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The file keeps no offsets of its own and any consumer position is valid: nothing to check or apply.</summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
