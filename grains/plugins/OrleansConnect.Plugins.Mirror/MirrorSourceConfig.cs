using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>The keys of <see cref="MirrorSourceConnector"/> and its tasks, named and defaulted as Kafka's <c>MirrorSourceConfig</c>.</summary>
internal sealed class MirrorSourceConfig : MirrorConnectorConfig
{
    public const string ReplicationFactorConfig = "replication.factor";
    public const string RefreshTopicsEnabledConfig = "refresh.topics.enabled";
    public const string RefreshTopicsIntervalSecondsConfig = "refresh.topics.interval.seconds";
    public const string SyncTopicConfigsEnabledConfig = "sync.topic.configs.enabled";
    public const string SyncTopicConfigsIntervalSecondsConfig = "sync.topic.configs.interval.seconds";
    public const string SyncTopicAclsEnabledConfig = "sync.topic.acls.enabled";
    public const string SyncTopicAclsIntervalSecondsConfig = "sync.topic.acls.interval.seconds";
    public const string ConfigPropertiesExcludeConfig = "config.properties.exclude";
    public const string ConfigPropertyFilterClassConfig = "config.property.filter.class";
    public const string OffsetSyncsTopicReplicationFactorConfig = "offset-syncs.topic.replication.factor";
    public const string OffsetLagMaxConfig = "offset.lag.max";
    public const string HeartbeatsReplicationEnabledConfig = "heartbeats.replication.enabled";

    /// <summary>The task key listing its partitions as <c>topic-partition</c>, comma-separated (Kafka's).</summary>
    public const string TaskTopicPartitionsConfig = "task.assigned.partitions";
    public const string TaskIndexConfig = "task.index";

    public const string ConfigPropertiesExcludeDefault =
        @"follower\.replication\.throttled\.replicas, leader\.replication\.throttled\.replicas, message\.timestamp\.difference\.max\.ms, message\.timestamp\.type, unclean\.leader\.election\.enable, min\.insync\.replicas";

    private const string DefaultConfigPropertyFilterClass = "org.apache.kafka.connect.mirror.DefaultConfigPropertyFilter";

    public MirrorSourceConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public static ConfigDef Keys { get; } = BaseKeys()
        .Define(ReplicationFactorConfig, ConfigType.Int, 2, Validators.AtLeast(-1), Importance.Low, "Replication factor for newly created remote topics.")
        .Define(RefreshTopicsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether to periodically check for new topics and partitions.")
        .Define(RefreshTopicsIntervalSecondsConfig, ConfigType.Long, 600L, Validators.AtLeast(1), Importance.Low, "Frequency of topic refresh.")
        .Define(SyncTopicConfigsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to periodically configure remote topics to match their corresponding upstream topics.")
        .Define(SyncTopicConfigsIntervalSecondsConfig, ConfigType.Long, 600L, Validators.AtLeast(1), Importance.Low, "Frequency of topic config sync.")
        .Define(SyncTopicAclsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to periodically configure remote topic ACLs to match their corresponding upstream topics. Not yet: ACLs are not copied.")
        .Define(SyncTopicAclsIntervalSecondsConfig, ConfigType.Long, 600L, Validators.AtLeast(1), Importance.Low, "Frequency of topic ACL sync. Not yet: ACLs are not copied.")
        .Define(ConfigPropertiesExcludeConfig, ConfigType.List, ConfigPropertiesExcludeDefault, Validators.With(PatternFilter.EnsureValid, "property names or regular expressions"), Importance.High,
            "Topic config properties that should not be replicated. Supports comma-separated property names and regexes.")
        .Define(ConfigPropertyFilterClassConfig, ConfigType.Class, DefaultConfigPropertyFilterClass, Validators.ValidString(DefaultConfigPropertyFilterClass), Importance.Low,
            "ConfigPropertyFilter to use. Selects topic config properties to replicate. Only the default is supported.")
        .Define(OffsetSyncsTopicReplicationFactorConfig, ConfigType.Short, (short)3, Validators.AtLeast(-1), Importance.Low, "Replication factor for offset-syncs topic.")
        .Define(OffsetLagMaxConfig, ConfigType.Long, 100L, Validators.AtLeast(0), Importance.Low, "How out-of-sync a remote partition can be before it is resynced.")
        .Define(HeartbeatsReplicationEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to replicate the heartbeats topics even when the topic filter does not include them.")
        .Define(TaskTopicPartitionsConfig, ConfigType.List, string.Empty, null, Importance.Low, "Topic-partitions assigned to this task to replicate (set by the connector).")
        .Define(TaskIndexConfig, ConfigType.Int, 0, null, Importance.Low, "The index of the task (set by the connector).");

    public int ReplicationFactor => GetInt(ReplicationFactorConfig);

    public short OffsetSyncsTopicReplicationFactor => GetShort(OffsetSyncsTopicReplicationFactorConfig);

    public long OffsetLagMax => GetLong(OffsetLagMaxConfig);

    public bool EmitOffsetSyncs => GetBoolean(EmitOffsetSyncsEnabledConfig);

    public bool HeartbeatsReplication => GetBoolean(HeartbeatsReplicationEnabledConfig);

    public TimeSpan? RefreshTopicsInterval => Interval(RefreshTopicsEnabledConfig, RefreshTopicsIntervalSecondsConfig);

    public TimeSpan? SyncTopicConfigsInterval => Interval(SyncTopicConfigsEnabledConfig, SyncTopicConfigsIntervalSecondsConfig);

    public PatternFilter ConfigPropertyFilter() => new([".*"], GetList(ConfigPropertiesExcludeConfig));
}
