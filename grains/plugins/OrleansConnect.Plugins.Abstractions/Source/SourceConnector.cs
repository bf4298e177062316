namespace OrleansConnect.Plugins.Source;

/// <summary>A connector that reads from an external system into Kafka; its tasks are <see cref="SourceTask"/>s.</summary>
public abstract class SourceConnector : Connector.Connector
{
    /// <summary>
    /// Called when a user alters or resets the connector's offsets through the REST API (<c>PATCH</c> or
    /// <c>DELETE /connectors/{name}/offsets</c>), as Kafka's <c>SourceConnector.alterOffsets</c> (KIP-875). A connector
    /// that keeps offsets in its external system too applies the change there; any connector may check that the
    /// partitions and offsets have the shape its tasks read, and throw to refuse them.
    /// <para>
    /// The runtime calls it on a fresh instance that was never initialized nor started (as <see cref="Connector.Connector.Validate"/>),
    /// in the connector's grain, only while the connector is STOPPED and has no tasks, and before it writes anything: when
    /// this throws, no offset changes. The runtime then writes the offsets its
    /// <see cref="Storage.IOffsetStorageReader"/> gives the tasks. A user may retry a request, so the same change can
    /// arrive more than once: it must be idempotent.
    /// </para>
    /// </summary>
    /// <param name="connectorConfig">The connector's configuration.</param>
    /// <param name="offsets">
    /// The source partitions and their new offsets, as the storage reader would return them (integers are
    /// <see cref="long"/>, other numbers <see cref="double"/>). A null offset resets its partition; a reset of every
    /// offset (<c>DELETE</c>) lists every stored partition with a null offset, and may be empty when nothing was
    /// committed. Never null. Partitions are listed once each; they are maps, so enumerate rather than look up.
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
        IReadOnlyCollection<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets,
        CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
