using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Source;

/// <summary>What the runtime offers a source task. Thread-safe.</summary>
public interface ISourceTaskContext
{
    /// <summary>The task's configuration, as given to <see cref="SourceTask.StartAsync"/>.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>Reads the connector's committed source offsets; use it in <see cref="SourceTask.StartAsync"/> to resume.</summary>
    IOffsetStorageReader OffsetStorageReader { get; }
}
