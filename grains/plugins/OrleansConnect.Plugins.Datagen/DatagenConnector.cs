using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Datagen;

/// <summary>
/// Mock data, configured as Confluent's kafka-connect-datagen: each of <c>tasks.max</c> tasks writes
/// <c>iterations</c> records of a <c>quickstart</c> shape to <c>kafka.topic</c>, waiting up to <c>max.interval</c> ms
/// between records. <c>quickstart=sequence</c> writes <c>{"task": n, "seq": i}</c> with <c>i</c> counting from 0 per
/// task, so a consumer can prove there is no gap. For tests and demos, not production.
/// </summary>
[PluginAlias("io.confluent.kafka.connect.datagen.DatagenConnector")]
public sealed class DatagenConnector : SourceConnector
{
    public const string KafkaTopicConfig = "kafka.topic";
    public const string MaxIntervalConfig = "max.interval";
    public const string IterationsConfig = "iterations";
    public const string QuickstartConfig = "quickstart";
    public const string RandomSeedConfig = "random.seed";
    public const string TaskIdConfig = "task.id";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(KafkaTopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High, "Topic to write to.")
        .Define(MaxIntervalConfig, ConfigType.Long, 500L, Validators.AtLeast(0), Importance.High,
            "Most milliseconds to wait between records (a random wait up to this); 0 writes as fast as the task can.")
        .Define(IterationsConfig, ConfigType.Int, 1_000_000, Importance.High,
            "Records each task writes, or less than 1 for no limit. A task that has written them fails with a message saying so, as Confluent's does.")
        .Define(QuickstartConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.ValidString(Quickstart.Names), Importance.High,
            "The shape of the records: " + string.Join(", ", Quickstart.Names) + ".")
        .Define(RandomSeedConfig, ConfigType.Long, null, Importance.Low, "Seed for the random values, for repeatable data.");

    public override Type TaskType => typeof(DatagenTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new AbstractConfig(Config, props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(i => new Dictionary<string, string>(_props) { [TaskIdConfig] = i.ToString(CultureInfo.InvariantCulture) })];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Checks the shape a task resumes from: a partition is <c>{"task.id": n}</c>, an offset holds the integers
    /// <c>task.generation</c>, <c>current.iteration</c> (neither negative) and <c>random.seed</c>. A null offset is
    /// always accepted, so a stale partition can be cleaned up.
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

            if (partition.GetValueOrDefault(TaskIdConfig) is not long taskId || taskId < 0)
            {
                throw new ConnectException($"Partition objects should contain the key '{TaskIdConfig}' with a non-negative integer value");
            }

            RequireLong(offset, DatagenTask.TaskGenerationField, 0, long.MaxValue);
            RequireLong(offset, DatagenTask.CurrentIterationField, 0, long.MaxValue);
            RequireLong(offset, DatagenTask.RandomSeedField, int.MinValue, int.MaxValue);
        }

        return Task.FromResult(true);
    }

    private static void RequireLong(IReadOnlyDictionary<string, object?> offset, string key, long min, long max)
    {
        if (!offset.TryGetValue(key, out var value))
        {
            throw new ConnectException($"Offset objects should either be null or contain the key '{key}'");
        }

        if (value is not long n || n < min || n > max)
        {
            throw new ConnectException($"The value for the '{key}' key in the offset is expected to be an integer from {min} to {max}, not {value ?? "null"}");
        }
    }
}
