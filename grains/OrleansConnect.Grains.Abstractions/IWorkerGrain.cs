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

    /// <summary>
    /// The loggers of this silo whose level is set explicitly, in configuration (<c>Logging:LogLevel</c>, where
    /// <c>Default</c> is <c>root</c>) or through <see cref="SetLoggerLevelAsync"/>; <c>root</c> is always listed.
    /// </summary>
    /// <returns>The loggers, sorted by name.</returns>
    [ReadOnly, Alias("GetLoggers")]
    Task<ImmutableArray<LoggerLevel>> GetLoggersAsync();

    /// <summary>
    /// Sets a logger's level at runtime (Kafka's <c>PUT /admin/loggers/{logger}</c>): the logger and every logger under
    /// it (category prefix, as Kafka's namespaces) take the level; <c>root</c> sets every logger. 404 for a level
    /// that is not one of Kafka's (Kafka's quirk). Not persisted: a silo that starts later uses its configuration.
    /// </summary>
    /// <param name="logger">The logger (category prefix, or <c>root</c>).</param>
    /// <param name="level">Kafka's level name, any case.</param>
    /// <param name="cluster">Apply it on every active silo of the cluster, not only this one.</param>
    /// <returns>The loggers whose level changed on this silo; empty for the cluster scope.</returns>
    [Alias("SetLoggerLevel")]
    Task<ImmutableArray<string>> SetLoggerLevelAsync(string logger, string level, bool cluster);
}
