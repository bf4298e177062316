namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// A connector that writes Kafka records to an external system; its tasks are <see cref="SinkTask"/>s. The runtime
/// subscribes the tasks to <c>topics</c> or <c>topics.regex</c> in one consumer group, <c>connect-{connector name}</c>.
/// </summary>
public abstract class SinkConnector : Connector.Connector
{
    /// <summary>The key listing the topics to consume.</summary>
    public const string TopicsConfig = "topics";

    /// <summary>The key with a regular expression of topics to consume.</summary>
    public const string TopicsRegexConfig = "topics.regex";

    /// <summary>
    /// Called when a user alters or resets the connector's consumer group offsets through the REST API (<c>PATCH</c>
    /// or <c>DELETE /connectors/{name}/offsets</c>), as Kafka's <c>SinkConnector.alterOffsets</c> (KIP-875). A
    /// connector that also keeps its position in the external system (a sink that stores offsets with the data, say)
    /// applies the change there; any connector may check the offsets and throw to refuse them.
    /// <para>
    /// The runtime calls it on a fresh instance that was never initialized nor started (as <see cref="Connector.Connector.Validate"/>),
    /// in the connector's grain, only while the connector is STOPPED and has no tasks, and before it changes the
    /// consumer group: when this throws, no offset changes. A user may retry a request, so the same change can arrive
    /// more than once: it must be idempotent.
    /// </para>
    /// </summary>
    /// <param name="connectorConfig">The connector's configuration.</param>
    /// <param name="offsets">
    /// The topic partitions and their new offsets (the next offset to consume). A null offset resets its partition;
    /// a reset of every offset (<c>DELETE</c>) lists every partition the group has committed with a null offset, and
    /// may be empty. Never null.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the request is abandoned.</param>
    /// <returns>
    /// Whether the connector overrides this hook; the default returns false, and every override that does not
    /// always throw returns true. It chooses the REST answer: "The offsets for this connector have been altered
    /// successfully" when true, Kafka's "framework-managed offsets ... may need to be manually altered" otherwise.
    /// </returns>
    /// <exception cref="Errors.ConnectException">The offsets are refused (a 400 with its message).</exception>
    /// <exception cref="NotSupportedException">The connector's offsets cannot be altered at all (Java's <c>UnsupportedOperationException</c>).</exception>
    public virtual Task<bool> AlterOffsetsAsync(
        IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<TopicPartition, long?> offsets,
        CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
