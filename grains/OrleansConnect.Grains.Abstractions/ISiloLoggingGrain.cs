using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// Changes log levels on one silo: the key is the silo's address (<c>SiloAddress.ToParsableString()</c>) and the grain
/// is always placed on that silo, so a caller can reach every silo of the cluster by its address.
/// </summary>
[Alias("oc.ISiloLoggingGrain")]
public interface ISiloLoggingGrain : IGrainWithStringKey
{
    /// <summary>Sets a logger's level on this silo, as <see cref="IWorkerGrain.SetLoggerLevelAsync"/> does locally.</summary>
    /// <param name="logger">The logger (category prefix, or <c>root</c>).</param>
    /// <param name="level">Kafka's level name.</param>
    /// <returns>The loggers whose level changed.</returns>
    [Alias("SetLevel")]
    Task<ImmutableArray<string>> SetLevelAsync(string logger, string level);
}
