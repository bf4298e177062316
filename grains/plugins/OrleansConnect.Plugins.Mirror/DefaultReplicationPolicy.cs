namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Kafka's <c>DefaultReplicationPolicy</c>: a remote topic is <c>&lt;source alias&gt;&lt;separator&gt;&lt;topic&gt;</c>
/// (separator <c>replication.policy.separator</c>, "." by default); internal topics use the separator too unless
/// <c>replication.policy.internal.topic.separator.enabled=false</c>.
/// </summary>
internal class DefaultReplicationPolicy(string separator, bool internalTopicSeparatorEnabled) : ReplicationPolicy
{
    public const string ClassName = "org.apache.kafka.connect.mirror.DefaultReplicationPolicy";

    private readonly string _separator = separator;
    private readonly string _internalSeparator = internalTopicSeparatorEnabled ? separator : ".";

    private string InternalSuffix => _internalSeparator + "internal";

    private string CheckpointsSuffix => _internalSeparator + "checkpoints" + InternalSuffix;

    public override string FormatRemoteTopic(string sourceClusterAlias, string topic) => sourceClusterAlias + _separator + topic;

    public override string? TopicSource(string topic)
    {
        // As Kafka's split on the separator: remote when some text follows a separator; the source is what precedes the first.
        var index = topic.IndexOf(_separator, StringComparison.Ordinal);
        return index < 0 || topic[(index + _separator.Length)..].Replace(_separator, string.Empty, StringComparison.Ordinal).Length == 0
            ? null
            : topic[..index];
    }

    public override string? UpstreamTopic(string topic) =>
        TopicSource(topic) is { } source ? topic[(source.Length + _separator.Length)..] : null;

    public override string OffsetSyncsTopic(string clusterAlias) => "mm2-offset-syncs" + _internalSeparator + clusterAlias + InternalSuffix;

    public override string CheckpointsTopic(string clusterAlias) => clusterAlias + CheckpointsSuffix;

    public override bool IsCheckpointsTopic(string topic) => topic.EndsWith(CheckpointsSuffix, StringComparison.Ordinal);

    public override bool IsMirrorInternalTopic(string topic) => topic.EndsWith(InternalSuffix, StringComparison.Ordinal);
}
