using System.Collections.Immutable;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Grains.Offsets;

/// <summary>
/// Reads a connector's committed source offsets, loaded once from its offsets grain on first use (a task reads
/// them to resume when it starts).
/// </summary>
internal sealed class SourceOffsetReader(ISourceOffsetsGrain offsets) : IOffsetStorageReader
{
    private ImmutableDictionary<string, string>? _snapshot;

    public async ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        _snapshot ??= await offsets.GetAllAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return _snapshot.TryGetValue(OffsetJson.Write(partition), out var json) ? OffsetJson.Read(json) : null;
    }
}
