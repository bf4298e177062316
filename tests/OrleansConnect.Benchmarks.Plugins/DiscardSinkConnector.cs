using System.Globalization;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>
/// A sink for benchmarks: counts and discards what it is given, and every 200 ms reports (see
/// <see cref="BenchReport"/>) how many records it took between the first and the latest one.
/// </summary>
public sealed class DiscardSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(BenchReport.ReportDirConfig, ConfigType.String, "", Importance.Low, "Directory for the task's report; empty for none.");

    public override Type TaskType => typeof(DiscardSinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(i => new Dictionary<string, string>(_props) { [BenchSourceConnector.TaskNumberConfig] = i.ToString(CultureInfo.InvariantCulture) })];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
