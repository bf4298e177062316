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
    /// Validates a connector configuration as Kafka's <c>PUT /connector-plugins/{plugin}/config/validate</c>: every
    /// key of the connector, the common connector keys and the keys of each configured converter, transformation and
    /// predicate, with its errors. Errors in the configuration are in the answer, not thrown.
    /// </summary>
    /// <param name="plugin">The connector class from the path: a full name, simple name, alias or alias without <c>Connector</c>.</param>
    /// <param name="config">The configuration; its <c>connector.class</c>, when present, must name the same class.</param>
    /// <param name="nullKeys">Keys the request gave a null value: each is an error on that key, as in Kafka.</param>
    /// <returns>The definitions, values and errors.</returns>
    /// <exception cref="ConnectRestException">400 when <c>connector.class</c> names another class or no connector has that name.</exception>
    [ReadOnly, Alias("ValidateConnectorConfig")]
    Task<ConfigInfos> ValidateConnectorConfigAsync(string plugin, ImmutableDictionary<string, string> config, ImmutableArray<string> nullKeys = default);

    /// <summary>The configuration keys of a plugin of any kind (Kafka's <c>GET /connector-plugins/{plugin}/config</c>, KIP-769).</summary>
    /// <param name="plugin">The plugin's class name, simple name or alias.</param>
    /// <returns>The plugin's own keys in definition order, then for a connector the framework's keys it does not define (as Kafka).</returns>
    /// <exception cref="ConnectRestException">404 when no plugin has that name.</exception>
    [ReadOnly, Alias("GetPluginConfig")]
    Task<ImmutableArray<ConfigKeyInfo>> GetPluginConfigAsync(string plugin);

    /// <summary>
    /// Runs sample records through a transformation chain built from a connector's <c>transforms</c> and
    /// <c>predicates</c> keys, reporting each step (OrleansConnect's own; Kafka Connect has no counterpart). Nothing is
    /// created or kept: the plugins are made for the call and disposed.
    /// </summary>
    /// <param name="request">The chain's config and the records.</param>
    /// <returns>One preview per record, in order.</returns>
    /// <exception cref="ConnectRestException">400 naming the key when the chain's config is invalid.</exception>
    [ReadOnly, Alias("PreviewTransformations")]
    Task<ImmutableArray<RecordPreview>> PreviewTransformationsAsync(TransformPreviewRequest request);

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
