using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.RabbitMQ.Sink;

/// <summary>
/// Confluent's RabbitMQ sink: publishes each record's value (bytes or a string) to <c>rabbitmq.exchange</c> with
/// <c>rabbitmq.routing.key</c>, with publisher confirms, so a put returns (and its offsets may commit) only once the
/// broker has taken every message. Every task gets the same configuration; the consumer group spreads the partitions.
/// </summary>
[PluginAlias("io.confluent.connect.rabbitmq.sink.RabbitMQSinkConnector")]
public sealed class RabbitMQSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => RabbitMQSinkConfig.Keys;

    public override Type TaskType => typeof(RabbitMQSinkTask);

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new RabbitMQSinkConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sink's position is its consumer group's alone (nothing is stored in RabbitMQ): nothing to check or apply.</summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
