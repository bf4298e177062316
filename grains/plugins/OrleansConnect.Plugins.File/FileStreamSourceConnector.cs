using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.File;

/// <summary>
/// Kafka's FileStreamSourceConnector: follows a text file like <c>tail -f</c> and writes each line to one topic.
/// Always one task, whatever <c>tasks.max</c> says, since one file has one reader.
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSourceConnector")]
public sealed class FileStreamSourceConnector : SourceConnector
{
    public const string FileConfig = "file";
    public const string TopicConfig = "topic";
    public const string BatchSizeConfig = "batch.size";
    public const int DefaultBatchSize = 2000;

    private Dictionary<string, string> _props = [];

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(FileConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
            "Source filename. Read from the start, then followed as lines are appended. (Kafka reads standard input when it is not set; a service has none, so it is required here.)")
        .Define(TopicConfig, ConfigType.List, ConfigDef.NoDefaultValue, Validators.With(EnsureSingleTopic, "a single topic name"), Importance.High,
            "The topic to publish data to.")
        .Define(BatchSizeConfig, ConfigType.Int, DefaultBatchSize, Validators.AtLeast(1), Importance.Low,
            "The maximum number of records the source task can read from the file each time it is polled.");

    public override Type TaskType => typeof(FileStreamSourceTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new AbstractConfig(Config, props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>One task with the whole connector configuration, as Kafka's connector gives it.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Checks the shape the task reads, as Kafka's connector does: a partition holds <c>filename</c>, an offset a
    /// non-negative integer <c>position</c>. Any partition may be reset (a null offset), so a stale one can be cleaned
    /// up. Whether the position fits the file is the task's to find when it starts.
    /// </summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            if (offset is null)
            {
                continue;
            }

            if (!offset.TryGetValue(FileStreamSourceTask.PositionField, out var position))
            {
                throw new ConnectException($"Offset objects should either be null or contain the key '{FileStreamSourceTask.PositionField}'");
            }

            if (position is not long value)
            {
                throw new ConnectException($"The value for the '{FileStreamSourceTask.PositionField}' key in the offset is expected to be a Long value");
            }

            if (value < 0)
            {
                throw new ConnectException($"The value for the '{FileStreamSourceTask.PositionField}' key in the offset should be a non-negative value");
            }

            if (!partition.ContainsKey(FileStreamSourceTask.FilenameField))
            {
                throw new ConnectException($"Partition objects should contain the key '{FileStreamSourceTask.FilenameField}'");
            }
        }

        return Task.FromResult(true);
    }

    private static void EnsureSingleTopic(string name, object? value)
    {
        if (value is IReadOnlyList<string> { Count: not 1 } topics)
        {
            throw new ConfigException(name, string.Join(",", topics), "'topic' in FileStreamSourceConnector configuration requires definition of a single topic");
        }
    }
}
