namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// How remote topics are named (Kafka's <c>ReplicationPolicy</c>): <see cref="DefaultReplicationPolicy"/> prefixes the
/// source alias, <see cref="IdentityReplicationPolicy"/> keeps names. Chosen by <c>replication.policy.class</c>.
/// </summary>
internal abstract class ReplicationPolicy
{
    public const string HeartbeatsTopic = "heartbeats";

    /// <summary>The remote name of <paramref name="topic"/> replicated from <paramref name="sourceClusterAlias"/>.</summary>
    public abstract string FormatRemoteTopic(string sourceClusterAlias, string topic);

    /// <summary>The alias of the cluster a remote topic came from, or null when it is not a remote topic.</summary>
    public abstract string? TopicSource(string topic);

    /// <summary>The name of a remote topic on the cluster it came from, or null when it is not a remote topic.</summary>
    public abstract string? UpstreamTopic(string topic);

    public abstract string OffsetSyncsTopic(string clusterAlias);

    public abstract string CheckpointsTopic(string clusterAlias);

    public abstract bool IsCheckpointsTopic(string topic);

    public abstract bool IsMirrorInternalTopic(string topic);

    /// <summary>The name a topic had before any hop of replication.</summary>
    public string OriginalTopic(string topic)
    {
        var current = topic;
        while (UpstreamTopic(current) is { } upstream && upstream != current)
        {
            current = upstream;
        }

        return current;
    }

    public bool IsHeartbeatsTopic(string topic) => OriginalTopic(topic) == HeartbeatsTopic;

    /// <summary>Kafka's internal topics, Connect's and MirrorMaker's own: never replicated.</summary>
    public bool IsInternalTopic(string topic) =>
        IsMirrorInternalTopic(topic)
        || topic.StartsWith("__", StringComparison.Ordinal)
        || topic.StartsWith('.')
        || topic.EndsWith("-internal", StringComparison.Ordinal)
        || topic.EndsWith(".internal", StringComparison.Ordinal);

    /// <summary>The policy <c>replication.policy.class</c> names, configured with the connector's keys.</summary>
    public static ReplicationPolicy Create(string className, string separator, bool internalTopicSeparatorEnabled, string sourceClusterAlias) =>
        className switch
        {
            DefaultReplicationPolicy.ClassName or nameof(DefaultReplicationPolicy) or "OrleansConnect.Plugins.Mirror.DefaultReplicationPolicy" =>
                new DefaultReplicationPolicy(separator, internalTopicSeparatorEnabled),
            IdentityReplicationPolicy.ClassName or nameof(IdentityReplicationPolicy) or "OrleansConnect.Plugins.Mirror.IdentityReplicationPolicy" =>
                new IdentityReplicationPolicy(separator, internalTopicSeparatorEnabled, sourceClusterAlias),
            _ => throw new ArgumentException(
                $"Unknown replication policy '{className}'; known: {DefaultReplicationPolicy.ClassName}, {IdentityReplicationPolicy.ClassName}", nameof(className)),
        };
}
