using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>The keys of <see cref="MirrorCheckpointConnector"/> and its tasks, named and defaulted as Kafka's <c>MirrorCheckpointConfig</c>.</summary>
internal sealed class MirrorCheckpointConfig : MirrorConnectorConfig
{
    public const string GroupsConfig = "groups";
    public const string GroupsExcludeConfig = "groups.exclude";
    public const string GroupsExcludeDefault = "console-consumer-.*, connect-.*, __.*";
    public const string GroupFilterClassConfig = "group.filter.class";
    public const string CheckpointsTopicReplicationFactorConfig = "checkpoints.topic.replication.factor";
    public const string RefreshGroupsEnabledConfig = "refresh.groups.enabled";
    public const string RefreshGroupsIntervalSecondsConfig = "refresh.groups.interval.seconds";
    public const string EmitCheckpointsEnabledConfig = "emit.checkpoints.enabled";
    public const string EmitCheckpointsIntervalSecondsConfig = "emit.checkpoints.interval.seconds";
    public const string SyncGroupOffsetsEnabledConfig = "sync.group.offsets.enabled";
    public const string SyncGroupOffsetsIntervalSecondsConfig = "sync.group.offsets.interval.seconds";

    /// <summary>The task key listing its consumer groups, comma-separated (Kafka's).</summary>
    public const string TaskConsumerGroupsConfig = "task.assigned.groups";

    private const string DefaultGroupFilterClass = "org.apache.kafka.connect.mirror.DefaultGroupFilter";

    public MirrorCheckpointConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public static ConfigDef Keys { get; } = BaseKeys()
        .Define(GroupsConfig, ConfigType.List, ".*", Validators.With(PatternFilter.EnsureValid, "group ids or regular expressions"), Importance.High,
            "Consumer groups to replicate. Supports comma-separated group IDs and regexes.")
        .Define(GroupsExcludeConfig, ConfigType.List, GroupsExcludeDefault, Validators.With(PatternFilter.EnsureValid, "group ids or regular expressions"), Importance.High,
            "Exclude groups. Supports comma-separated group IDs and regexes. Excludes take precedence over includes.")
        .Define(GroupFilterClassConfig, ConfigType.Class, DefaultGroupFilterClass, Validators.ValidString(DefaultGroupFilterClass), Importance.Low,
            "GroupFilter to use. Selects consumer groups to replicate. Only the default (groups / groups.exclude) is supported.")
        .Define(CheckpointsTopicReplicationFactorConfig, ConfigType.Short, (short)3, Validators.AtLeast(-1), Importance.Low, "Replication factor for checkpoints topic.")
        .Define(RefreshGroupsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether to periodically check for new consumer groups.")
        .Define(RefreshGroupsIntervalSecondsConfig, ConfigType.Long, 600L, Validators.AtLeast(1), Importance.Low, "Frequency of group refresh.")
        .Define(EmitCheckpointsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether to replicate consumer offsets to target cluster.")
        .Define(EmitCheckpointsIntervalSecondsConfig, ConfigType.Long, 60L, Validators.AtLeast(0), Importance.Low, "Frequency of checkpoints.")
        .Define(SyncGroupOffsetsEnabledConfig, ConfigType.Boolean, false, null, Importance.Low,
            "Whether to periodically write the translated offsets to __consumer_offsets topic in target cluster, as long as no active consumers in that group are connected to the target cluster")
        .Define(SyncGroupOffsetsIntervalSecondsConfig, ConfigType.Long, 60L, Validators.AtLeast(0), Importance.Low, "Frequency of consumer group offset sync.")
        .Define(TaskConsumerGroupsConfig, ConfigType.List, string.Empty, null, Importance.Low, "Consumer groups assigned to this task to replicate (set by the connector).")
        .Define(MirrorSourceConfig.TaskIndexConfig, ConfigType.Int, 0, null, Importance.Low, "The index of the task (set by the connector).");

    public TimeSpan? EmitCheckpointsInterval => Interval(EmitCheckpointsEnabledConfig, EmitCheckpointsIntervalSecondsConfig);

    public TimeSpan? SyncGroupOffsetsInterval => Interval(SyncGroupOffsetsEnabledConfig, SyncGroupOffsetsIntervalSecondsConfig);

    public TimeSpan? RefreshGroupsInterval => Interval(RefreshGroupsEnabledConfig, RefreshGroupsIntervalSecondsConfig);

    public short CheckpointsTopicReplicationFactor => GetShort(CheckpointsTopicReplicationFactorConfig);

    public PatternFilter GroupFilter() => new(GetList(GroupsConfig), GetList(GroupsExcludeConfig));

    public Dictionary<string, string> OffsetSyncsConsumerSettings()
    {
        var settings = OffsetSyncsOnSource ? SourceConsumerSettings("offset-syncs-source-consumer") : TargetConsumerSettings("offset-syncs-target-consumer");

        // librdkafka looks for a topic it does not know yet every five minutes by default; the offset-syncs topic
        // may appear after the task starts.
        settings.TryAdd("topic.metadata.refresh.interval.ms", "10000");
        return settings;
    }
}
