using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>
/// Confluent's JDBC sink on PostgreSQL, MySQL and MariaDB: writes Struct records to a table per topic
/// (<c>table.name.format</c>), with insert, upsert or update and the primary key of <c>pk.mode</c>; creates and widens
/// tables when allowed. Every task gets the same configuration; the consumer group spreads the partitions.
/// </summary>
[PluginAlias("io.confluent.connect.jdbc.JdbcSinkConnector")]
public sealed class JdbcSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config => JdbcSinkConfig.Keys;

    public override Type TaskType => typeof(JdbcSinkTask);

    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props);
        if (results.All(r => r.ErrorMessages.Count == 0))
        {
            var config = new AbstractConfig(Config, props);
            foreach (var (key, message) in JdbcSinkConfig.CrossKeyErrors(config))
            {
                results.First(r => r.Name == key).AddErrorMessage(message);
            }
        }

        return results;
    }

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _ = new JdbcSinkConfig(props);
        _props = props;
        return Task.CompletedTask;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        [.. Enumerable.Range(0, maxTasks).Select(_ => _props)];

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sink's position is its consumer group's alone (nothing is stored in the database): nothing to check or apply.</summary>
    public override Task<bool> AlterOffsetsAsync(IReadOnlyDictionary<string, string> connectorConfig, IReadOnlyDictionary<TopicPartition, long?> offsets, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
