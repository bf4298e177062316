using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.RabbitMQ.Source;

/// <summary>
/// Confluent's RabbitMQ source: consumes <c>rabbitmq.queue</c> and writes each message to <c>kafka.topic</c>, the body
/// as bytes, the message id as the key, the properties, envelope and AMQP headers as <c>rabbitmq.*</c> headers. A
/// message is acknowledged only once Kafka has its record. Every task gets the same configuration and consumes every
/// queue: RabbitMQ spreads a queue's messages over its consumers.
/// </summary>
[PluginAlias("io.confluent.connect.rabbitmq.RabbitMQSourceConnector")]
public sealed class RabbitMQSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => RabbitMQSourceConfig.Keys;

    public override Type TaskType => typeof(RabbitMQSourceTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new RabbitMQSourceConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The offsets (a queue and a delivery tag) only describe what was written; the broker keeps the position, so
    /// changing or resetting them changes nothing and is allowed.
    /// </summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
