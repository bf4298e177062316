using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Tests.File;

/// <summary>A source task context whose offset store is a dictionary the test fills in, keyed by the filename.</summary>
internal sealed class FakeSourceTaskContext : ISourceTaskContext, IOffsetStorageReader
{
    public Dictionary<string, IReadOnlyDictionary<string, object?>> Offsets { get; } = [];

    public IReadOnlyDictionary<string, string> Configs { get; } = new Dictionary<string, string>();

    public IOffsetStorageReader OffsetStorageReader => this;

    public ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Offsets.GetValueOrDefault((string)partition["filename"]!));
}
