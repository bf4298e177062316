using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.TestPlugins;

/// <summary>
/// A sink for tests: records what it is given in <see cref="RecordingStore"/> under <c>recording.id</c>, and throws
/// on a record whose value equals <c>fail.on.value</c>.
/// </summary>
public sealed class RecordingSinkConnector : SinkConnector
{
    public const string RecordingIdConfig = "recording.id";
    public const string FailOnValueConfig = "fail.on.value";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(RecordingIdConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High, "Key of the recording.")
        .Define(FailOnValueConfig, ConfigType.String, null, Importance.Low, "A value that makes put fail.");

    public override Type TaskType => typeof(RecordingSinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
