using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// Answers questions about the worker runtime that need no connector: server info and the installed plugins.
/// A stateless worker, so every silo answers locally.
/// </summary>
[Alias("oc.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>What <c>GET /</c> reports.</summary>
    /// <returns>The server info.</returns>
    [ReadOnly, Alias("GetServerInfo")]
    Task<ServerInfo> GetServerInfoAsync();

    /// <summary>The installed plugins.</summary>
    /// <param name="connectorsOnly">Only source and sink connectors (Kafka's default), else converters, transforms and predicates too.</param>
    /// <returns>The plugins, sorted by class name.</returns>
    [ReadOnly, Alias("GetPlugins")]
    Task<ImmutableArray<PluginInfo>> GetPluginsAsync(bool connectorsOnly);
}
