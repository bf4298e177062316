using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Source;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// MirrorMaker 2's replication connector (Kafka's <c>MirrorSourceConnector</c>): finds the source cluster's topics that
/// <c>topics</c> / <c>topics.exclude</c> select (never internal topics, never a topic that came from the target: no
/// cycles), creates their remote topics on the target with as many partitions and <c>replication.factor</c>, and
/// spreads the partitions round-robin over at most <c>tasks.max</c> <see cref="MirrorSourceTask"/>s. Every
/// <c>refresh.topics.interval.seconds</c> it looks again and reconfigures the tasks when partitions appeared or went.
/// With <c>sync.topic.configs.enabled</c> every <c>sync.topic.configs.interval.seconds</c> it copies the source topics'
/// configs to the remote topics.
/// </summary>
[PluginAlias("org.apache.kafka.connect.mirror.MirrorSourceConnector")]
public sealed class MirrorSourceConnector : SourceConnector
{
    private readonly Lock _lock = new();
    private MirrorSourceConfig? _config;
    private IAdminClient? _sourceAdmin;
    private IAdminClient? _targetAdmin;
    private IReadOnlyList<KafkaTopicPartition> _known = [];
    private readonly BackgroundWork _background = new();

    /// <inheritdoc />
    public override ConfigDef Config => MirrorSourceConfig.Keys;

    /// <inheritdoc />
    public override Type TaskType => typeof(MirrorSourceTask);

    /// <inheritdoc />
    public override IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string> props)
    {
        var results = Config.Validate(props).ToList();
        MirrorValidation.RequireBootstrapServers(props, results, target: true);
        if (props.GetValueOrDefault(MirrorConnectorConfig.EmitOffsetSyncsEnabledConfig)?.Trim() == "false"
            && props.Keys.Any(k => k.StartsWith("offset-syncs-", StringComparison.Ordinal) || k.StartsWith("offset-syncs.topic.", StringComparison.Ordinal)))
        {
            MirrorValidation.AddError(results, MirrorConnectorConfig.EmitOffsetSyncsEnabledConfig,
                $"MirrorSourceConnector can't setup offset-syncs feature while {MirrorConnectorConfig.EmitOffsetSyncsEnabledConfig} set to false");
        }

        return results;
    }

    /// <inheritdoc />
    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MirrorSourceConfig(props);
        if (!_config.Enabled)
        {
            return Task.CompletedTask;
        }

        _sourceAdmin = MirrorClients.Admin(_config.SourceAdminSettings("replication-source-admin"), "source admin");
        _targetAdmin = MirrorClients.Admin(_config.TargetAdminSettings("replication-target-admin"), "target admin");
        try
        {
            // As Kafka's start: the first look is bounded by admin.timeout.ms; a cluster that does not answer yet
            // leaves no tasks until the refresh finds the topics.
            _known = FindSourcePartitions();
        }
        catch (KafkaException)
        {
            _known = [];
        }

        _background.Start(RunAsync);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        if (_config is null || !_config.Enabled)
        {
            return [];
        }

        IReadOnlyList<KafkaTopicPartition> known;
        lock (_lock)
        {
            known = _known;
        }

        if (known.Count == 0)
        {
            return [];
        }

        var tasks = Math.Min(maxTasks, known.Count);
        var assigned = Enumerable.Range(0, tasks).Select(_ => new List<string>()).ToArray();
        for (var i = 0; i < known.Count; i++)
        {
            assigned[i % tasks].Add(known[i].Topic + "-" + known[i].Partition.Value.ToString(CultureInfo.InvariantCulture));
        }

        return assigned.Select((partitions, index) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(_config.Originals)
        {
            [MirrorSourceConfig.TaskTopicPartitionsConfig] = string.Join(',', partitions),
            [MirrorSourceConfig.TaskIndexConfig] = index.ToString(CultureInfo.InvariantCulture),
        }).ToArray();
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _background.StopAsync().ConfigureAwait(false);
        _sourceAdmin?.Dispose();
        _targetAdmin?.Dispose();
        _sourceAdmin = _targetAdmin = null;
    }

    /// <summary>Checks that altered offsets are <c>{cluster, topic, partition}</c> → <c>{offset}</c>, as Kafka's.</summary>
    public override Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken)
    {
        // The source consumer never commits, so validating the shape is all there is to do.
        MirrorOffsets.Validate(offsets, [MirrorOffsets.ClusterKey, MirrorOffsets.TopicKey], partitionKey: true, onlyOffsetZero: false);
        return Task.FromResult(true);
    }

    /// <summary>Whether a source topic is replicated: selected, or a heartbeats topic; never internal, never a cycle.</summary>
    internal static bool ShouldReplicate(MirrorSourceConfig config, PatternFilter filter, string topic) =>
        (filter.Matches(topic) || (config.HeartbeatsReplication && config.Policy.IsHeartbeatsTopic(topic)))
        && !config.Policy.IsInternalTopic(topic)
        && !IsCycle(config, topic);

    private static bool IsCycle(MirrorSourceConfig config, string topic)
    {
        var current = topic;
        while (config.Policy.TopicSource(current) is { } source)
        {
            if (source == config.TargetClusterAlias)
            {
                return true;
            }

            var upstream = config.Policy.UpstreamTopic(current);
            if (upstream is null || upstream == current)
            {
                return false;
            }

            current = upstream;
        }

        return false;
    }

    private List<KafkaTopicPartition> FindSourcePartitions()
    {
        var filter = _config!.TopicFilter();
        return MirrorClients.Topics(_sourceAdmin!, _config.AdminTimeout)
            .Where(t => ShouldReplicate(_config, filter, t.Key))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .SelectMany(t => Enumerable.Range(0, t.Value).Select(p => new KafkaTopicPartition(t.Key, p)))
            .ToList();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var config = _config!;
        var refresh = config.RefreshTopicsInterval;
        var syncConfigs = config.SyncTopicConfigsInterval;
        var nextRefresh = DateTime.UtcNow + (refresh ?? Timeout.InfiniteTimeSpan);
        var nextConfigSync = DateTime.UtcNow;
        var created = false;
        if (config.EmitOffsetSyncs)
        {
            await CreateOffsetSyncsTopicAsync(config).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    // The remote topics of what start found (Kafka's computeAndCreateTopicPartitions at start).
                    await CreateRemoteTopicsAsync(config, Snapshot()).ConfigureAwait(false);
                    created = true;
                }

                if (refresh is { } interval && DateTime.UtcNow >= nextRefresh)
                {
                    nextRefresh = DateTime.UtcNow + interval;
                    var found = FindSourcePartitions();
                    bool changed;
                    lock (_lock)
                    {
                        changed = !found.SequenceEqual(_known);
                        if (changed)
                        {
                            _known = found;
                        }
                    }

                    if (changed)
                    {
                        await CreateRemoteTopicsAsync(config, found).ConfigureAwait(false);
                        Context.RequestTaskReconfiguration();
                    }
                }

                if (syncConfigs is { } configInterval && DateTime.UtcNow >= nextConfigSync)
                {
                    nextConfigSync = DateTime.UtcNow + configInterval;
                    await TopicConfigSync.SyncAsync(config, _sourceAdmin!, _targetAdmin!, Snapshot()).ConfigureAwait(false);
                }
            }
            catch (KafkaException)
            {
                // A cluster that does not answer: the same work is tried again at the next interval, as Kafka's
                // scheduler does; the tasks report replication problems themselves.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private IReadOnlyList<KafkaTopicPartition> Snapshot()
    {
        lock (_lock)
        {
            return _known;
        }
    }

    private async Task CreateOffsetSyncsTopicAsync(MirrorSourceConfig config)
    {
        using var admin = MirrorClients.Admin(
            config.OffsetSyncsOnSource ? config.SourceAdminSettings("offset-syncs-source-admin") : config.TargetAdminSettings("offset-syncs-target-admin"),
            "offset-syncs admin");
        await MirrorClients.CreateTopicsAsync(admin, [MirrorTopics.Compacted(config.OffsetSyncsTopic, config.OffsetSyncsTopicReplicationFactor)], config.AdminTimeout).ConfigureAwait(false);
    }

    private async Task CreateRemoteTopicsAsync(MirrorSourceConfig config, IReadOnlyList<KafkaTopicPartition> known)
    {
        var sourceCounts = known.GroupBy(p => p.Topic, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var targetCounts = MirrorClients.Topics(_targetAdmin!, config.AdminTimeout);
        var newTopics = new List<TopicSpecification>();
        var grown = new List<PartitionsSpecification>();
        foreach (var (topic, count) in sourceCounts)
        {
            var remote = config.Policy.FormatRemoteTopic(config.SourceClusterAlias, topic);
            if (!targetCounts.TryGetValue(remote, out var targetCount))
            {
                newTopics.Add(new TopicSpecification { Name = remote, NumPartitions = count, ReplicationFactor = (short)config.ReplicationFactor });
            }
            else if (count > targetCount)
            {
                grown.Add(new PartitionsSpecification { Topic = remote, IncreaseTo = count });
            }
        }

        if (newTopics.Count > 0)
        {
            var configs = await TopicConfigSync.SourceConfigsAsync(config, _sourceAdmin!, newTopics.Select(t => SourceTopicOf(config, t.Name, sourceCounts)).ToArray()).ConfigureAwait(false);
            foreach (var spec in newTopics)
            {
                if (configs.TryGetValue(SourceTopicOf(config, spec.Name, sourceCounts), out var topicConfigs))
                {
                    spec.Configs = topicConfigs;
                }
            }

            await MirrorClients.CreateTopicsAsync(_targetAdmin!, newTopics, config.AdminTimeout).ConfigureAwait(false);
        }

        if (grown.Count > 0)
        {
            try
            {
                await _targetAdmin!.CreatePartitionsAsync(grown, new CreatePartitionsOptions { RequestTimeout = config.AdminTimeout }).ConfigureAwait(false);
            }
            catch (CreatePartitionsException)
            {
                // As Kafka: a topic already grown (InvalidPartitions) or refused is left as it is.
            }
        }
    }

    private static string SourceTopicOf(MirrorSourceConfig config, string remote, Dictionary<string, int> sourceCounts) =>
        sourceCounts.Keys.First(t => config.Policy.FormatRemoteTopic(config.SourceClusterAlias, t) == remote);
}
