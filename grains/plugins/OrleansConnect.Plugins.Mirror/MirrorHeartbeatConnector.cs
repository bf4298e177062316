using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// MirrorMaker 2's heartbeat connector (Kafka's <c>MirrorHeartbeatConnector</c>): one <see cref="MirrorHeartbeatTask"/>
/// writes a <see cref="Heartbeat"/> to the target's <c>heartbeats</c> topic every
/// <c>emit.heartbeats.interval.seconds</c>; the topic is created on the target (compacted, one partition).
/// </summary>
[PluginAlias("org.apache.kafka.connect.mirror.MirrorHeartbeatConnector")]
public sealed class MirrorHeartbeatConnector : SourceConnector
{
    private MirrorHeartbeatConfig? _config;
    private Task _createTopic = Task.CompletedTask;

    /// <inheritdoc />
    public override ConfigDef Config => MirrorHeartbeatConfig.Keys;

    /// <inheritdoc />
    public override Type TaskType => typeof(MirrorHeartbeatTask);

    /// <inheritdoc />
    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props).ToList();
        if (string.IsNullOrWhiteSpace(props.GetValueOrDefault(MirrorConnectorConfig.TargetClusterPrefix + "bootstrap.servers")))
        {
            const string key = MirrorConnectorConfig.TargetClusterPrefix + "bootstrap.servers";
            MirrorValidation.AddError(results, key, $"Missing required configuration \"{key}\" which has no default value.");
        }

        return results;
    }

    /// <inheritdoc />
    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MirrorHeartbeatConfig(props);
        var config = _config;
        _createTopic = Task.Run(async () =>
        {
            using var admin = MirrorClients.Admin(config.TargetAdminSettings("heartbeats-target-admin"), "target admin");
            await MirrorClients.CreateTopicsAsync(admin, [MirrorTopics.Compacted(ReplicationPolicy.HeartbeatsTopic, config.HeartbeatsTopicReplicationFactor)], config.AdminTimeout).ConfigureAwait(false);
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        _config?.EmitHeartbeatsInterval is null ? [] : [_config.Originals];

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken) =>
        await _createTopic.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    /// <summary>Checks that altered offsets are <c>{sourceClusterAlias, targetClusterAlias}</c> → <c>{offset: 0}</c>, as Kafka's.</summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken)
    {
        MirrorOffsets.Validate(offsets, [Heartbeat.SourceClusterAliasKey, Heartbeat.TargetClusterAliasKey], partitionKey: false, onlyOffsetZero: true);
        return Task.FromResult(true);
    }
}
