using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Http.Sink;

/// <summary>
/// Confluent's HTTP sink: sends record values to an HTTP endpoint, batched, with retries, basic or OAuth2 client
/// credentials authentication. Every task gets the same configuration; the consumer group spreads the partitions.
/// </summary>
[PluginAlias("io.confluent.connect.http.HttpSinkConnector")]
public sealed class HttpSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => HttpSinkConfig.Keys;

    public override Type TaskType => typeof(HttpSinkTask);

    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props);
        if (results.All(r => r.ErrorMessages.Count == 0))
        {
            var config = new AbstractConfig(Config, props);
            foreach (var (key, message) in HttpSinkConfig.CrossKeyErrors(config))
            {
                results.First(r => r.Name == key).AddErrorMessage(message);
            }
        }

        return results;
    }

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new HttpSinkConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sink's position is its consumer group's alone (the endpoint keeps none): nothing to check or apply.</summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
