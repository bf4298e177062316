using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Http.Source;

/// <summary>
/// Confluent's HTTP Source connector (the self-managed one, not the OpenAPI-based V2): polls one URL and writes the
/// records of each JSON response to a topic, keeping its place with an offset. One task: the URL is one stream.
/// </summary>
[PluginAlias("io.confluent.connect.http.HttpSourceConnector")]
public sealed class HttpSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => HttpSourceConfig.Keys;

    public override Type TaskType => typeof(HttpSourceTask);

    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props);
        if (results.All(r => r.ErrorMessages.Count == 0))
        {
            var config = new AbstractConfig(Config, props);
            foreach (var (key, message) in HttpSourceConfig.CrossKeyErrors(config))
            {
                results.First(r => r.Name == key).AddErrorMessage(message);
            }
        }

        return results;
    }

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new HttpSourceConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
