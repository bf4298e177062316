using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// MirrorMaker 2's consumer-group connector (Kafka's <c>MirrorCheckpointConnector</c>): picks the source cluster's
/// consumer groups that <c>groups</c> / <c>groups.exclude</c> select and spreads them over at most <c>tasks.max</c>
/// <see cref="MirrorCheckpointTask"/>s, which translate their offsets into checkpoints (and, with
/// <c>sync.group.offsets.enabled</c>, into the target's group offsets). It creates the
/// <c>&lt;source&gt;.checkpoints.internal</c> topic on the target.
/// </summary>
/// <remarks>
/// When <c>groups</c> names groups literally (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), those groups are used
/// as they are, without listing the source's groups, and a group is checkpointed from the moment it commits offsets;
/// with regular expressions the groups are listed (Kafka's way) every <c>refresh.groups.interval.seconds</c>, and only
/// those with offsets in a replicated topic are kept. The embedded Kafka cannot list groups, so name them there.
/// </remarks>
[PluginAlias("org.apache.kafka.connect.mirror.MirrorCheckpointConnector")]
public sealed class MirrorCheckpointConnector : SourceConnector
{
    private readonly Lock _lock = new();
    private MirrorCheckpointConfig? _config;
    private IReadOnlyList<string> _groups = [];
    private readonly BackgroundWork _background = new();

    /// <inheritdoc />
    public override ConfigDef Config => MirrorCheckpointConfig.Keys;

    /// <inheritdoc />
    public override Type TaskType => typeof(MirrorCheckpointTask);

    /// <inheritdoc />
    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props).ToList();
        if (props.GetValueOrDefault(MirrorConnectorConfig.EnabledConfig, "true").Trim() == "false")
        {
            return results;
        }

        MirrorValidation.RequireBootstrapServers(props, results, target: true);
        if (props.GetValueOrDefault(MirrorCheckpointConfig.EmitCheckpointsEnabledConfig)?.Trim() == "false")
        {
            MirrorValidation.AddError(results, MirrorCheckpointConfig.EmitCheckpointsEnabledConfig,
                $"MirrorCheckpointConnector can't run with {MirrorCheckpointConfig.EmitCheckpointsEnabledConfig} set to false");
        }

        if (props.GetValueOrDefault(MirrorConnectorConfig.EmitOffsetSyncsEnabledConfig)?.Trim() == "false")
        {
            MirrorValidation.AddError(results, MirrorConnectorConfig.EmitOffsetSyncsEnabledConfig, "MirrorCheckpointConnector can't run without offset syncs");
        }

        return results;
    }

    /// <inheritdoc />
    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MirrorCheckpointConfig(props);
        if (!_config.Enabled)
        {
            return;
        }

        var literal = _config.GroupFilter().LiteralNames;
        _groups = literal ?? await FindGroupsAsync(_config).ConfigureAwait(false);
        var config = _config;
        _background.Start(token => RunAsync(config, literal is null, token));
    }

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        IReadOnlyList<string> groups;
        lock (_lock)
        {
            groups = _groups;
        }

        if (_config is null || !_config.Enabled || groups.Count == 0 || _config.EmitCheckpointsInterval is null)
        {
            return [];
        }

        var tasks = Math.Min(maxTasks, groups.Count);
        var configs = new List<IReadOnlyDictionary<string, string>>(tasks);
        for (var task = 0; task < tasks; task++)
        {
            // Contiguous groups, the first ones one larger, as Kafka's ConnectorUtils.groupPartitions.
            var start = (task * (groups.Count / tasks)) + Math.Min(task, groups.Count % tasks);
            var count = (groups.Count / tasks) + (task < groups.Count % tasks ? 1 : 0);
            configs.Add(new Dictionary<string, string>(_config.Originals)
            {
                [MirrorCheckpointConfig.TaskConsumerGroupsConfig] = string.Join(',', groups.Skip(start).Take(count)),
                [MirrorSourceConfig.TaskIndexConfig] = task.ToString(CultureInfo.InvariantCulture),
            });
        }

        return configs;
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken) => _background.StopAsync();

    /// <summary>Checks that altered offsets are <c>{group, topic, partition}</c> → <c>{offset: 0}</c>, as Kafka's.</summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken)
    {
        MirrorOffsets.Validate(offsets, [MirrorOffsets.GroupKey, MirrorOffsets.TopicKey], partitionKey: true, onlyOffsetZero: true);
        return Task.FromResult(true);
    }

    private static async Task<IReadOnlyList<string>> FindGroupsAsync(MirrorCheckpointConfig config)
    {
        using var admin = MirrorClients.Admin(config.SourceAdminSettings("checkpoint-source-admin"), "source admin");
        var groupFilter = config.GroupFilter();
        var topicFilter = config.TopicFilter();
        try
        {
            // The blocking ListGroups rather than ListConsumerGroupsAsync: librdkafka 2.16 frees the latter's result
            // twice when a broker does not support the request (the embedded Kafka), which kills the process.
            var listed = admin.ListGroups(config.AdminTimeout);
            var selected = listed.Where(g => g.ProtocolType is "" or "consumer").Select(g => g.Group)
                .Where(groupFilter.Matches).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var kept = new List<string>(selected.Length);
            foreach (var group in selected)
            {
                // Only groups with offsets in a replicated topic are checkpointed, as in Kafka.
                var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)],
                    new ListConsumerGroupOffsetsOptions { RequestTimeout = config.AdminTimeout }).ConfigureAwait(false);
                if (offsets.SelectMany(o => o.Partitions).Any(p => topicFilter.Matches(p.Topic)))
                {
                    kept.Add(group);
                }
            }

            return kept;
        }
        catch (KafkaException)
        {
            // The source does not answer: no groups until the next refresh finds them.
            return [];
        }
    }

    private async Task RunAsync(MirrorCheckpointConfig config, bool refreshGroups, CancellationToken cancellationToken)
    {
        using (var admin = MirrorClients.Admin(config.TargetAdminSettings("checkpoint-target-admin"), "target admin"))
        {
            await MirrorClients.CreateTopicsAsync(admin, [MirrorTopics.Compacted(config.CheckpointsTopic, config.CheckpointsTopicReplicationFactor)], config.AdminTimeout).ConfigureAwait(false);
        }

        if (!refreshGroups || config.RefreshGroupsInterval is not { } interval)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(interval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var found = await FindGroupsAsync(config).ConfigureAwait(false);
            bool changed;
            lock (_lock)
            {
                changed = !found.SequenceEqual(_groups);
                _groups = found;
            }

            if (changed)
            {
                Context.RequestTaskReconfiguration();
            }
        }
    }
}
