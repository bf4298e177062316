using Confluent.Kafka;
using Confluent.Kafka.Admin;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Translates the committed offsets of its <c>task.assigned.groups</c> (Kafka's <c>MirrorCheckpointTask</c>): every
/// <c>emit.checkpoints.interval.seconds</c> it reads each group's offsets on the source for the partitions that have
/// offset syncs, translates them through the <see cref="OffsetSyncStore"/> and emits a <see cref="Checkpoint"/> record
/// to <c>&lt;source&gt;.checkpoints.internal</c> (partition 0) for each that moved. With
/// <c>sync.group.offsets.enabled</c>, every <c>sync.group.offsets.interval.seconds</c> it writes the translated
/// offsets to the same group on the target where they are ahead of what the group has there; the target refuses the
/// write while the group has active members there (Kafka relies on the same refusal).
/// </summary>
public sealed class MirrorCheckpointTask : SourceTask
{
    private readonly Dictionary<string, Dictionary<KafkaTopicPartition, Checkpoint>> _checkpoints = new(StringComparer.Ordinal);
    private MirrorCheckpointConfig? _config;
    private IReadOnlyList<string> _groups = [];
    private PatternFilter? _topicFilter;
    private IAdminClient? _sourceAdmin;
    private IAdminClient? _targetAdmin;
    private OffsetSyncStore? _store;
    private Pacer? _pacer;
    private DateTime _nextGroupSync;

    /// <summary>Target group offset writes that failed (a group active on the target, or the target down); retried each interval.</summary>
    public int RefusedGroupSyncs { get; private set; }

    /// <inheritdoc />
    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new MirrorCheckpointConfig(props);
        _groups = _config.GetList(MirrorCheckpointConfig.TaskConsumerGroupsConfig);
        _topicFilter = _config.TopicFilter();
        _pacer = new Pacer(_config.EmitCheckpointsInterval ?? TimeSpan.FromSeconds(60));
        _sourceAdmin = MirrorClients.Admin(_config.SourceAdminSettings("checkpoint-source-admin"), "source admin");
        _targetAdmin = MirrorClients.Admin(_config.TargetAdminSettings("checkpoint-target-admin"), "target admin");
        var syncsAdmin = MirrorClients.Admin(
            _config.OffsetSyncsOnSource ? _config.SourceAdminSettings("offset-syncs-source-admin") : _config.TargetAdminSettings("offset-syncs-target-admin"),
            "offset-syncs admin");
        _store = new OffsetSyncStore(MirrorClients.Consumer(_config.OffsetSyncsConsumerSettings(), "offset-syncs consumer"), syncsAdmin, _config.OffsetSyncsTopic);
        _nextGroupSync = DateTime.UtcNow + (_config.SyncGroupOffsetsInterval ?? TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (!await _pacer!.DueAsync(cancellationToken).ConfigureAwait(false) || !_store!.ReadToEnd)
        {
            return null;
        }

        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var records = new List<SourceRecord>();
        foreach (var group in _groups)
        {
            try
            {
                foreach (var checkpoint in await CheckpointsForGroupAsync(group).ConfigureAwait(false))
                {
                    records.Add(new SourceRecord(
                        checkpoint.ConnectPartition(), MirrorOffsets.ZeroOffset, _config!.CheckpointsTopic, 0,
                        Schema.Bytes, checkpoint.RecordKey(), Schema.Bytes, checkpoint.RecordValue(), timestamp));
                }
            }
            catch (KafkaException)
            {
                // As Kafka: a group whose offsets cannot be read now is checkpointed at the next interval.
            }
        }

        if (_config!.SyncGroupOffsetsInterval is { } syncInterval && DateTime.UtcNow >= _nextGroupSync)
        {
            _nextGroupSync = DateTime.UtcNow + syncInterval;
            await SyncGroupOffsetsAsync().ConfigureAwait(false);
        }

        return records.Count == 0 ? null : records;
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _store?.Dispose();
        _sourceAdmin?.Dispose();
        _targetAdmin?.Dispose();
        _store = null;
        _sourceAdmin = _targetAdmin = null;
        return Task.CompletedTask;
    }

    /// <summary>The remote partition a checkpoint names: back to the original name for a topic that came from the target, else the remote name.</summary>
    internal static KafkaTopicPartition RenameTopicPartition(MirrorConnectorConfig config, KafkaTopicPartition upstream) =>
        config.TargetClusterAlias == config.Policy.TopicSource(upstream.Topic)
            ? new KafkaTopicPartition(config.Policy.OriginalTopic(upstream.Topic), upstream.Partition)
            : new KafkaTopicPartition(config.Policy.FormatRemoteTopic(config.SourceClusterAlias, upstream.Topic), upstream.Partition);

    private async Task<IReadOnlyList<Checkpoint>> CheckpointsForGroupAsync(string group)
    {
        var partitions = _store!.Partitions().Where(p => _topicFilter!.Matches(p.Topic)).ToList();
        if (partitions.Count == 0)
        {
            return [];
        }

        // The partitions are named: the group's offsets matter only where syncs exist, and the embedded Kafka answers
        // an offset fetch only for named partitions.
        var listed = await _sourceAdmin!.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, partitions)],
            new ListConsumerGroupOffsetsOptions { RequestTimeout = _config!.AdminTimeout }).ConfigureAwait(false);
        if (!_checkpoints.TryGetValue(group, out var last))
        {
            last = [];
            _checkpoints[group] = last;
        }

        var result = new List<Checkpoint>();
        foreach (var committed in listed.SelectMany(l => l.Partitions))
        {
            if (committed.Error.IsError || committed.Offset.Value < 0 || _store.TranslateDownstream(committed.TopicPartition, committed.Offset.Value) is not { } downstream || downstream < 0)
            {
                continue;
            }

            var checkpoint = new Checkpoint(group, RenameTopicPartition(_config, committed.TopicPartition), committed.Offset.Value, downstream, string.Empty);

            // As Kafka: only a checkpoint that moved (or a rewound group) is emitted again.
            if (last.TryGetValue(checkpoint.TargetPartition, out var previous)
                && checkpoint.UpstreamOffset >= previous.UpstreamOffset
                && checkpoint.DownstreamOffset <= previous.DownstreamOffset)
            {
                continue;
            }

            last[checkpoint.TargetPartition] = checkpoint;
            result.Add(checkpoint);
        }

        return result;
    }

    private async Task SyncGroupOffsetsAsync()
    {
        var groups = _checkpoints.Where(g => g.Value.Count > 0).Select(g => g.Key).ToArray();
        if (groups.Length == 0)
        {
            return;
        }

        var idle = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var described = await _targetAdmin!.DescribeConsumerGroupsAsync(groups, new DescribeConsumerGroupsOptions { RequestTimeout = _config!.AdminTimeout }).ConfigureAwait(false);
            idle.UnionWith(described.ConsumerGroupDescriptions.Where(d => d.State == ConsumerGroupState.Empty).Select(d => d.GroupId));
        }
        catch (KafkaException)
        {
            // A target that cannot describe groups (the embedded Kafka): every group is written as one not on the
            // target, and the target still refuses a group with active members.
        }

        foreach (var group in groups)
        {
            var converted = _checkpoints[group].Values.ToDictionary(c => c.TargetPartition, c => c.DownstreamOffset);
            try
            {
                if (idle.Contains(group))
                {
                    // Only move a partition forward: the group may have consumed further on the target.
                    var current = await _targetAdmin!.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, converted.Keys.ToList())],
                        new ListConsumerGroupOffsetsOptions { RequestTimeout = _config!.AdminTimeout }).ConfigureAwait(false);
                    foreach (var existing in current.SelectMany(c => c.Partitions))
                    {
                        if (!existing.Error.IsError && existing.Offset.Value >= 0 && converted.TryGetValue(existing.TopicPartition, out var offset) && existing.Offset.Value >= offset)
                        {
                            converted.Remove(existing.TopicPartition);
                        }
                    }
                }

                if (converted.Count > 0)
                {
                    await _targetAdmin!.AlterConsumerGroupOffsetsAsync(
                        [new ConsumerGroupTopicPartitionOffsets(group, converted.Select(c => new TopicPartitionOffset(c.Key, c.Value)).ToList())],
                        new AlterConsumerGroupOffsetsOptions { RequestTimeout = _config!.AdminTimeout }).ConfigureAwait(false);
                }
            }
            catch (KafkaException)
            {
                RefusedGroupSyncs++;
            }
        }
    }
}
