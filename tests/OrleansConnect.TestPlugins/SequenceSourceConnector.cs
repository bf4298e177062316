using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.TestPlugins;

/// <summary>
/// A source for tests: each task writes <c>count</c> string records <c>{task}-{i}</c> to <c>topic</c>, with source
/// partition <c>{"task": n}</c> and offset <c>{"i": i}</c>, and resumes after its committed offset; <c>interval.ms</c>
/// between polls keeps it writing for a while. For the loop's edges: <c>fail.when.done</c> fails the task once its
/// records are out (as datagen's <c>iterations</c>), <c>large.at</c> makes one record larger than Kafka takes, and
/// <c>hold.at</c> waits before that record until the test releases the <see cref="Recording"/> of <c>recording.id</c>,
/// which also counts the records polled and acknowledged.
/// </summary>
public sealed class SequenceSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string CountConfig = "count";
    public const string BatchConfig = "batch";
    public const string IntervalConfig = "interval.ms";
    public const string FailWhenDoneConfig = "fail.when.done";
    public const string LargeAtConfig = "large.at";
    public const string HoldAtConfig = "hold.at";
    public const string AlterOffsetsConfig = "alter.offsets";
    public const string RecordingIdConfig = RecordingSinkConnector.RecordingIdConfig;

    /// <summary>The size of the <c>large.at</c> record's value: above librdkafka's default message.max.bytes (1,000,000).</summary>
    public const int LargeValueBytes = 1_100_000;

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High, "Topic to write to.")
        .Define(CountConfig, ConfigType.Long, 100L, Validators.AtLeast(0), Importance.High, "Records per task.")
        .Define(BatchConfig, ConfigType.Int, 10, Validators.AtLeast(1), Importance.Low, "Records per poll.")
        .Define(IntervalConfig, ConfigType.Int, 0, Validators.AtLeast(0), Importance.Low, "Milliseconds to wait before each poll.")
        .Define(FailWhenDoneConfig, ConfigType.Boolean, false, Importance.Low, "Throw from poll once all records are out.")
        .Define(LargeAtConfig, ConfigType.Long, -1L, Importance.Low, "The sequence number whose value is larger than Kafka takes; -1 for none.")
        .Define(HoldAtConfig, ConfigType.Long, -1L, Importance.Low, "The sequence number to wait before until the recording is released; -1 for none.")
        .Define(RecordingIdConfig, ConfigType.String, string.Empty, Importance.Low, "Key of the recording counting polled and acknowledged records.")
        .Define(AlterOffsetsConfig, ConfigType.String, null, Validators.ValidString("unsupported", "broken"), Importance.Low,
            "How AlterOffsetsAsync answers: unset, as a connector that does not override it; 'unsupported' throws NotSupportedException; 'broken' throws InvalidOperationException.");

    public override Type TaskType => typeof(SequenceSourceTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(i => new Dictionary<string, string>(_props) { ["task.number"] = i.ToString(CultureInfo.InvariantCulture) })];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken) =>
        connectorConfig.GetValueOrDefault(AlterOffsetsConfig) switch
        {
            "unsupported" => throw new NotSupportedException("offsets are fixed"),
            "broken" => throw new InvalidOperationException("the hook is broken"),
            _ => base.AlterOffsetsAsync(connectorConfig, offsets, cancellationToken),
        };
}
