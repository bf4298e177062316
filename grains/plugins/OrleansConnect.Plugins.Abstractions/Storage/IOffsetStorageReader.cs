namespace OrleansConnect.Plugins.Storage;

/// <summary>
/// Reads the committed source offsets of the connector a task or connector belongs to, so that a source resumes where
/// it left off. Offsets are shared by all tasks of a connector and keyed by source partition. Thread-safe.
/// </summary>
public interface IOffsetStorageReader
{
    /// <summary>The last committed offset of a source partition.</summary>
    /// <param name="partition">The source partition, as the task put it in its records.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The offset (integers come back as <see cref="long"/>), or null when none was committed.</returns>
    ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default);
}
