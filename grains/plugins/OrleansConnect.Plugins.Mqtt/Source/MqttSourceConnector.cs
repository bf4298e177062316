using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mqtt.Source;

/// <summary>
/// Confluent's MQTT source: subscribes to <c>mqtt.topics</c> and writes every message to <c>kafka.topic</c>, keyed by
/// its MQTT topic. The topic filters are spread over the tasks (at most one task per filter); each task has a client id
/// of its own, stable across restarts, so that with <c>mqtt.clean.session.enabled=false</c> it finds its broker session
/// again. There is no offset: what is not yet in Kafka is the broker's to send again.
/// </summary>
[PluginAlias("io.confluent.connect.mqtt.MqttSourceConnector")]
public sealed class MqttSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();
    private MqttSourceConfig? _config;

    public override ConfigDef Config => MqttSourceConfig.Keys;

    public override Type TaskType => typeof(MqttSourceTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MqttSourceConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var config = _config ?? throw new InvalidOperationException("The connector has not been started.");
        var topics = config.Topics;
        var count = Math.Max(1, Math.Min(maxTasks, topics.Count));
        var name = _props.GetValueOrDefault("name");
        return [.. Enumerable.Range(0, count).Select(task => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_props)
        {
            [MqttSourceConfig.TopicsConfig] = string.Join(",", topics.Where((_, i) => i % count == task)),
            [MqttConnectionConfig.ClientIdConfig] = MqttConnectionConfig.TaskClientId(config, name, task, count),
        })];
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
