using System.Collections.Concurrent;

namespace OrleansConnect.TestPlugins;

/// <summary>The recordings of <see cref="RecordingSinkTask"/>s in this process, by recording id.</summary>
public static class RecordingStore
{
    private static readonly ConcurrentDictionary<string, Recording> Recordings = new(StringComparer.Ordinal);

    public static Recording Get(string id) => Recordings.GetOrAdd(id, _ => new Recording());
}
