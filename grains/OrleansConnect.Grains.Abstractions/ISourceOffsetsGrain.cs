using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// The committed source offsets of one connector (key: connector name), shared by its tasks and keyed by source
/// partition, as Kafka's offsets topic. Partitions and offsets are canonical JSON strings (object keys sorted).
/// </summary>
[Alias("oc.ISourceOffsetsGrain")]
public interface ISourceOffsetsGrain : IGrainWithStringKey
{
    /// <summary>Every committed offset.</summary>
    /// <returns>Offset JSON by partition JSON.</returns>
    [ReadOnly, Alias("GetAll")]
    Task<ImmutableDictionary<string, string>> GetAllAsync();

    /// <summary>Commits offsets: each entry replaces that partition's offset; a null offset removes it.</summary>
    /// <param name="offsets">Offset JSON (or null) by partition JSON.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("Commit")]
    Task CommitAsync(ImmutableDictionary<string, string?> offsets);

    /// <summary>Removes every offset (connector deleted or offsets reset).</summary>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("Clear")]
    Task ClearAsync();
}
