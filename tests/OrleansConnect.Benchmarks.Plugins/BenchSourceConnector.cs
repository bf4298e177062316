using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>
/// A source for benchmarks: each task writes <c>count</c> records of <c>record.size</c> bytes to <c>topic</c> as fast as
/// the runtime takes them, and reports (see <see cref="BenchReport"/>) from its first poll to the delivery of its last
/// record. <c>count=0</c> makes an idle task that stays RUNNING and writes nothing.
/// </summary>
public sealed class BenchSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string CountConfig = "count";
    public const string RecordSizeConfig = "record.size";
    public const string ShapeConfig = "shape";
    public const string BatchConfig = "batch";
    public const string TaskNumberConfig = "task.number";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High, "Topic to write to.")
        .Define(CountConfig, ConfigType.Long, 0L, Validators.AtLeast(0), Importance.High, "Records per task; 0 for an idle task.")
        .Define(RecordSizeConfig, ConfigType.Int, 100, Validators.AtLeast(1), Importance.High, "Bytes per record value.")
        .Define(ShapeConfig, ConfigType.String, "bytes", Validators.ValidString(["bytes", "struct"]), Importance.Medium,
            "bytes: opaque values for the ByteArrayConverter; struct: a four-field struct for the JsonConverter.")
        .Define(BatchConfig, ConfigType.Int, 1000, Validators.AtLeast(1), Importance.Low, "Records per poll.")
        .Define(BenchReport.ReportDirConfig, ConfigType.String, "", Importance.Low, "Directory for the task's report; empty for none.");

    public override Type TaskType => typeof(BenchSourceTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(i => new Dictionary<string, string>(_props) { [TaskNumberConfig] = i.ToString(CultureInfo.InvariantCulture) })];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
