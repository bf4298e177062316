using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>The keys of <see cref="MirrorHeartbeatConnector"/>, named and defaulted as Kafka's <c>MirrorHeartbeatConfig</c>.</summary>
internal sealed class MirrorHeartbeatConfig : MirrorConnectorConfig
{
    public const string EmitHeartbeatsEnabledConfig = "emit.heartbeats.enabled";
    public const string EmitHeartbeatsIntervalSecondsConfig = "emit.heartbeats.interval.seconds";
    public const string HeartbeatsTopicReplicationFactorConfig = "heartbeats.topic.replication.factor";

    public MirrorHeartbeatConfig(IReadOnlyDictionary<string, string> props)
        : base(Keys, props)
    {
    }

    public static ConfigDef Keys { get; } = BaseKeys()
        .Define(EmitHeartbeatsEnabledConfig, ConfigType.Boolean, true, null, Importance.Low, "Whether to emit heartbeats to target cluster.")
        .Define(EmitHeartbeatsIntervalSecondsConfig, ConfigType.Long, 1L, Validators.AtLeast(0), Importance.Low, "Frequency of heartbeats.")
        .Define(HeartbeatsTopicReplicationFactorConfig, ConfigType.Short, (short)3, Validators.AtLeast(-1), Importance.Low, "Replication factor for heartbeats topic.");

    public TimeSpan? EmitHeartbeatsInterval => Interval(EmitHeartbeatsEnabledConfig, EmitHeartbeatsIntervalSecondsConfig);

    public short HeartbeatsTopicReplicationFactor => GetShort(HeartbeatsTopicReplicationFactorConfig);
}
