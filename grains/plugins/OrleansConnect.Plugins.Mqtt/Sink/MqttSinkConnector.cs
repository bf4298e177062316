using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Mqtt.Sink;

/// <summary>
/// Confluent's MQTT sink: publishes the records of <c>topics</c> / <c>topics.regex</c> to the MQTT topics of the same
/// names. Every task gets the same configuration but a client id of its own; the consumer group spreads the partitions.
/// </summary>
[PluginAlias("io.confluent.connect.mqtt.MqttSinkConnector")]
public sealed class MqttSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();
    private MqttSinkConfig? _config;

    public override ConfigDef Config => MqttSinkConfig.Keys;

    public override Type TaskType => typeof(MqttSinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MqttSinkConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        var name = _props.GetValueOrDefault("name");
        return [.. Enumerable.Range(0, maxTasks).Select(task => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_props)
        {
            // Two clients with one id would take each other's connection in turns.
            [MqttConnectionConfig.ClientIdConfig] = MqttConnectionConfig.TaskClientId(config, name, task, maxTasks),
        })];
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sink's position is its consumer group's alone (nothing is stored in the broker): nothing to check or apply.</summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
