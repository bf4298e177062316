using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.TestPlugins;

/// <summary>
/// A sink for tests: records what it is given in <see cref="RecordingStore"/> under <c>recording.id</c>, and throws
/// on a record whose value equals <c>fail.on.value</c>. With <c>retriable.failure.ms</c>, every put fails with a
/// retriable error for that long after the first put (a target that blinks); with <c>errant.on.value</c>, a record
/// with that value is handed to the errant record reporter instead of being written.
/// </summary>
public sealed class RecordingSinkConnector : SinkConnector
{
    public const string RecordingIdConfig = "recording.id";
    public const string FailOnValueConfig = "fail.on.value";
    public const string RetriableFailureMsConfig = "retriable.failure.ms";
    public const string ErrantOnValueConfig = "errant.on.value";
    public const string SecretConfig = "recording.secret";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(RecordingIdConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High, "Key of the recording.")
        .Define(FailOnValueConfig, ConfigType.String, null, Importance.Low, "A value that makes put fail.")
        .Define(RetriableFailureMsConfig, ConfigType.Long, 0L, Importance.Low, "How long puts fail with a retriable error after the first.")
        .Define(ErrantOnValueConfig, ConfigType.String, null, Importance.Low, "A value reported as errant instead of written.")
        .Define(SecretConfig, ConfigType.Password, null, Importance.Low, "A secret the sink does not use (for tests of PASSWORD values).");

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
