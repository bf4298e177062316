using System.Globalization;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// The keys the three MirrorMaker 2 connectors share (Kafka's <c>MirrorConnectorConfig</c>), and the client settings
/// they build from them: <c>source.cluster.*</c> / <c>target.cluster.*</c> for a cluster, then <c>consumer.*</c>,
/// <c>producer.*</c>, <c>admin.*</c> for a role, then <c>source.consumer.*</c>, <c>target.admin.*</c>, ... for a
/// role on one side, later ones winning. The settings are librdkafka's, which share their names with the Java
/// client's for the common ones (bootstrap.servers, security.protocol, sasl.*, ssl.*).
/// </summary>
internal class MirrorConnectorConfig : AbstractConfig
{
    public const string NameConfig = "name";
    public const string EnabledConfig = "enabled";
    public const string SourceClusterAliasConfig = "source.cluster.alias";
    public const string TargetClusterAliasConfig = "target.cluster.alias";
    public const string SourceClusterAliasDefault = "source";
    public const string TargetClusterAliasDefault = "target";
    public const string AdminTimeoutMsConfig = "admin.timeout.ms";
    public const string ReplicationPolicyClassConfig = "replication.policy.class";
    public const string ReplicationPolicySeparatorConfig = "replication.policy.separator";
    public const string InternalTopicSeparatorEnabledConfig = "replication.policy.internal.topic.separator.enabled";
    public const string ForwardingAdminClassConfig = "forwarding.admin.class";
    public const string TopicFilterClassConfig = "topic.filter.class";
    public const string TopicsConfig = "topics";
    public const string TopicsExcludeConfig = "topics.exclude";
    public const string TopicsDefault = ".*";
    public const string TopicsExcludeDefault = @".*[\-\.]internal, .*\.replica, __.*";
    public const string OffsetSyncsTopicLocationConfig = "offset-syncs.topic.location";
    public const string EmitOffsetSyncsEnabledConfig = "emit.offset-syncs.enabled";
    public const string ConsumerPollTimeoutMsConfig = "consumer.poll.timeout.ms";
    public const string SourceClusterPrefix = "source.cluster.";
    public const string TargetClusterPrefix = "target.cluster.";

    private const string DefaultTopicFilterClass = "org.apache.kafka.connect.mirror.DefaultTopicFilter";
    private const string DefaultForwardingAdminClass = "org.apache.kafka.clients.admin.ForwardingAdmin";
    private const string ClusterGroup = "Clusters";

    // MirrorMaker's own keys that share a client prefix, and the runtime's producer./consumer. overrides: never client settings.
    private static readonly string[] NotClientSettings = ["poll.timeout.ms", "timeout.ms"];

    protected MirrorConnectorConfig(ConfigDef definition, IReadOnlyDictionary<string, string> props)
        : base(definition, props)
    {
        Policy = ReplicationPolicy.Create(
            GetString(ReplicationPolicyClassConfig)!,
            GetString(ReplicationPolicySeparatorConfig)!,
            GetBoolean(InternalTopicSeparatorEnabledConfig),
            SourceClusterAlias);
    }

    public bool Enabled => GetBoolean(EnabledConfig);

    public string SourceClusterAlias => GetString(SourceClusterAliasConfig)!;

    public string TargetClusterAlias => GetString(TargetClusterAliasConfig)!;

    public string ConnectorName => Originals.GetValueOrDefault(NameConfig) ?? string.Empty;

    public TimeSpan AdminTimeout => TimeSpan.FromMilliseconds(GetLong(AdminTimeoutMsConfig));

    public ReplicationPolicy Policy { get; }

    public bool OffsetSyncsOnSource => GetString(OffsetSyncsTopicLocationConfig) == SourceClusterAliasDefault;

    /// <summary>Kafka's name: the topic is named after the cluster it is not on.</summary>
    public string OffsetSyncsTopic => Policy.OffsetSyncsTopic(OffsetSyncsOnSource ? TargetClusterAlias : SourceClusterAlias);

    public string CheckpointsTopic => Policy.CheckpointsTopic(SourceClusterAlias);

    public TimeSpan ConsumerPollTimeout => TimeSpan.FromMilliseconds(GetLong(ConsumerPollTimeoutMsConfig));

    public PatternFilter TopicFilter() => new(GetList(TopicsConfig), GetList(TopicsExcludeConfig));

    public Dictionary<string, string> SourceConsumerSettings(string role) => Consumer(Settings(SourceClusterPrefix, "consumer.", "source.", role));

    public Dictionary<string, string> TargetConsumerSettings(string role) => Consumer(Settings(TargetClusterPrefix, "consumer.", "target.", role));

    public Dictionary<string, string> SourceAdminSettings(string role) => Settings(SourceClusterPrefix, "admin.", "source.", role);

    public Dictionary<string, string> TargetAdminSettings(string role) => Settings(TargetClusterPrefix, "admin.", "target.", role);

    public Dictionary<string, string> SourceProducerSettings(string role) => Settings(SourceClusterPrefix, "producer.", "source.", role);

    public Dictionary<string, string> TargetProducerSettings(string role) => Settings(TargetClusterPrefix, "producer.", "target.", role);

    /// <summary>The keys every connector has, as Kafka's <c>BASE_CONNECTOR_CONFIG_DEF</c>.</summary>
    protected static ConfigDef BaseKeys() => new ConfigDef()
        .Define(EnabledConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether to replicate source->target.")
        .Define(SourceClusterAliasConfig, ConfigType.String, ConfigDef.NoDefaultValue, Validators.NonEmptyString(), Importance.High,
            "Alias of source cluster", ClusterGroup, 1, Width.Medium, "Source cluster alias")
        .Define(TargetClusterAliasConfig, ConfigType.String, TargetClusterAliasDefault, Validators.NonEmptyString(), Importance.High,
            "Alias of target cluster. Used in metrics reporting.", ClusterGroup, 2, Width.Medium, "Target cluster alias")
        .Define(AdminTimeoutMsConfig, ConfigType.Long, 60_000L, Validators.AtLeast(1), Importance.Low,
            "Timeout for administrative tasks, e.g. detecting new topics.")
        .Define(ReplicationPolicyClassConfig, ConfigType.Class, DefaultReplicationPolicy.ClassName,
            Validators.ValidString(DefaultReplicationPolicy.ClassName, IdentityReplicationPolicy.ClassName), Importance.Low,
            "Class which defines the remote topic naming convention.")
        .Define(ReplicationPolicySeparatorConfig, ConfigType.String, ".", Validators.NonEmptyString(), Importance.Low,
            "Separator used in remote topic naming convention.")
        .Define(InternalTopicSeparatorEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to use replication.policy.separator to control the names of topics used for checkpoints and offset syncs. By default, custom separators are used in these topic names; however, if upgrading MirrorMaker 2 from older versions that did not allow for these topic names to be customized, it may be necessary to set this property to 'false' in order to continue using the same names for those topics.")
        .Define(ForwardingAdminClassConfig, ConfigType.Class, DefaultForwardingAdminClass, Validators.ValidString(DefaultForwardingAdminClass), Importance.Low,
            "Class which extends ForwardingAdmin to define custom cluster resource management (topics, configs, etc). Only the default is supported.")
        .Define(TopicFilterClassConfig, ConfigType.Class, DefaultTopicFilterClass, Validators.ValidString(DefaultTopicFilterClass), Importance.Low,
            "TopicFilter to use. Selects topics to replicate. Only the default (topics / topics.exclude) is supported.")
        .Define(TopicsConfig, ConfigType.List, TopicsDefault, Validators.With(PatternFilter.EnsureValid, "topic names or regular expressions"), Importance.High,
            "Topics to replicate. Supports comma-separated topic names and regexes.")
        .Define(TopicsExcludeConfig, ConfigType.List, TopicsExcludeDefault, Validators.With(PatternFilter.EnsureValid, "topic names or regular expressions"), Importance.High,
            "Excluded topics. Supports comma-separated topic names and regexes. Excludes take precedence over includes.")
        .Define(OffsetSyncsTopicLocationConfig, ConfigType.String, SourceClusterAliasDefault,
            Validators.ValidString(SourceClusterAliasDefault, TargetClusterAliasDefault), Importance.Low,
            "The location (source/target) of the offset-syncs topic.")
        .Define(EmitOffsetSyncsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether to store the new offset of the replicated records in offset-syncs topic or not. MirrorCheckpointConnector will not be able to sync group offsets or emit checkpoints while this is disabled.")
        .Define(ConsumerPollTimeoutMsConfig, ConfigType.Long, 1000L, Validators.AtLeast(1), Importance.Low,
            "Timeout when polling source cluster.");

    /// <summary>An <c>*.interval.seconds</c> key's value, or null when its <c>*.enabled</c> key turns it off.</summary>
    protected TimeSpan? Interval(string enabledKey, string secondsKey) =>
        GetBoolean(enabledKey) ? TimeSpan.FromSeconds(GetLong(secondsKey)) : null;

    private static Dictionary<string, string> Consumer(Dictionary<string, string> settings)
    {
        settings["enable.auto.commit"] = "false";
        settings.TryAdd("auto.offset.reset", "earliest");

        // Confluent.Kafka's consumer needs a group id even for assigned partitions; MirrorMaker never joins or commits it.
        settings.TryAdd("group.id", settings["client.id"]);
        return settings;
    }

    private Dictionary<string, string> Settings(string clusterPrefix, string rolePrefix, string sidePrefix, string role)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in OriginalsWithPrefix(clusterPrefix))
        {
            // source.cluster.alias / target.cluster.alias share the prefix and are MirrorMaker's, not the client's.
            if (key != "alias" && !key.StartsWith("producer.", StringComparison.Ordinal) && !key.StartsWith("consumer.", StringComparison.Ordinal) && !key.StartsWith("admin.", StringComparison.Ordinal))
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in OriginalsWithPrefix(rolePrefix).Concat(OriginalsWithPrefix(sidePrefix + rolePrefix)))
        {
            if (!NotClientSettings.Contains(key) && !key.StartsWith("override.", StringComparison.Ordinal))
            {
                settings[key] = value;
            }
        }

        var clientId = string.Create(CultureInfo.InvariantCulture, $"{SourceClusterAlias}->{TargetClusterAlias}|{ConnectorName}|{role}");
        settings["client.id"] = settings.TryGetValue("client.id", out var user) ? user + "|" + clientId : clientId;
        return settings;
    }
}
