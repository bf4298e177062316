using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Grains.Runtime;

/// <summary>The runtime's context for a source task.</summary>
internal sealed class SourceTaskContext(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader offsetStorageReader) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = offsetStorageReader;
}
