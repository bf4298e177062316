using OrleansConnect.Plugins.Config;
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
        var config = new AbstractConfig(Config, props);
        _props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FileConfig] = config.GetString(FileConfig)!,
            [TopicConfig] = config.GetList(TopicConfig)[0],
            [BatchSizeConfig] = config.GetInt(BatchSizeConfig).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void EnsureSingleTopic(string name, object? value)
    {
        if (value is IReadOnlyList<string> { Count: not 1 } topics)
        {
            throw new ConfigException(name, string.Join(",", topics), "'topic' in FileStreamSourceConnector configuration requires definition of a single topic");
        }
    }
}
