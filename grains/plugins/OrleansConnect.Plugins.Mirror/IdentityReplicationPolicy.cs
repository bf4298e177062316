namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Kafka's <c>IdentityReplicationPolicy</c>: remote topics keep their names (no cycle detection by name, so use it
/// for one-way replication only); the heartbeats topic is still prefixed, as in Kafka. The source of a topic is the
/// configured <c>source.cluster.alias</c>.
/// </summary>
internal sealed class IdentityReplicationPolicy(string separator, bool internalTopicSeparatorEnabled, string sourceClusterAlias)
    : DefaultReplicationPolicy(separator, internalTopicSeparatorEnabled)
{
    public new const string ClassName = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";

    public override string FormatRemoteTopic(string sourceClusterAlias, string topic) =>
        LooksLikeHeartbeat(topic) ? base.FormatRemoteTopic(sourceClusterAlias, topic) : topic;

    public override string? TopicSource(string topic) => LooksLikeHeartbeat(topic) ? base.TopicSource(topic) : sourceClusterAlias;

    public override string? UpstreamTopic(string topic) => LooksLikeHeartbeat(topic) ? base.UpstreamTopic(topic) : topic;

    private static bool LooksLikeHeartbeat(string topic) => topic.EndsWith(HeartbeatsTopic, StringComparison.Ordinal);
}
