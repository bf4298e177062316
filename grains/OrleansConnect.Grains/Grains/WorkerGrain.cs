using System.Collections.Immutable;
using System.Reflection;
using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Connector;
using OrleansConnect.Plugins.Storage;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IWorkerGrain" />
[StatelessWorker]
internal sealed class WorkerGrain(
    PluginRegistry registry, ConnectorValidator validator, KafkaCluster kafka, LogLevels logLevels, ILocalSiloDetails silo) : Grain, IWorkerGrain
{
    private static readonly (string Version, string Commit) Build = ReadBuild();
    private static readonly TimeSpan ClusterIdRetry = TimeSpan.FromMinutes(1);
    private string? _clusterId;
    private DateTime _clusterIdTriedAt = DateTime.MinValue;

    public async Task<ServerInfo> GetServerInfoAsync()
    {
        // A cluster that cannot say its id (the mock has no DescribeCluster) is asked again only after a while, so
        // GET / does not wait for the timeout every time.
        if (_clusterId is null && DateTime.UtcNow - _clusterIdTriedAt > ClusterIdRetry)
        {
            _clusterIdTriedAt = DateTime.UtcNow;
            _clusterId = await kafka.GetClusterIdAsync(TimeSpan.FromSeconds(5));
        }

        var embedded = kafka.Embedded is not null;
        return new ServerInfo(
            Build.Version,
            Build.Commit,
            _clusterId,
            embedded ? kafka.BootstrapServers : null,
            silo.SiloAddress.Endpoint.ToString(),
            embedded ? KafkaOptions.EmbeddedRetentionBytesPerPartition : null,
            embedded ? KafkaOptions.EmbeddedRetentionBatchesPerPartition : null);
    }

    public Task<ImmutableArray<PluginInfo>> GetPluginsAsync(bool connectorsOnly) =>
        Task.FromResult(registry.Plugins
            .Where(p => !connectorsOnly || p.Kind is PluginKind.Source or PluginKind.Sink)
            .Select(p => new PluginInfo(p.DisplayName, p.KindName, p.Version))
            .ToImmutableArray());

    public Task<ConfigInfos> ValidateConnectorConfigAsync(string plugin, ImmutableDictionary<string, string> config, ImmutableArray<string> nullKeys = default)
    {
        var included = config.GetValueOrDefault(ConnectorConfig.ConnectorClassConfig);
        if (string.IsNullOrWhiteSpace(included))
        {
            // Kafka validates the class of the path when the body names none.
            config = config.SetItem(ConnectorConfig.ConnectorClassConfig, plugin);
        }
        else if (!SameConnector(included, plugin))
        {
            throw ConnectRestException.BadRequest($"Included connector type {included} does not match request type {plugin}");
        }

        var validation = validator.Validate(config, nullKeys.IsDefault ? [] : nullKeys);
        return validation.Connector is null
            ? throw ConnectRestException.BadRequest(string.Join("\n", ConnectorValidation.Lines(validation.Errors)))
            : Task.FromResult(validation.Infos);
    }

    public Task<ImmutableArray<ConfigKeyInfo>> GetPluginConfigAsync(string plugin)
    {
        PluginKind[] kinds = [PluginKind.Source, PluginKind.Sink, PluginKind.Converter, PluginKind.HeaderConverter, PluginKind.Transformation, PluginKind.Predicate];
        var descriptor = kinds.Select(k => registry.TryResolve(k, plugin)).FirstOrDefault(d => d is not null)
            ?? throw new ConnectRestException(404, $"Unknown plugin {plugin}.");
        return Task.FromResult<ImmutableArray<ConfigKeyInfo>>([.. Keys(descriptor).Select(ConfigInfosBuilder.KeyInfo)]);
    }

    public Task<ImmutableArray<RecordPreview>> PreviewTransformationsAsync(TransformPreviewRequest request) =>
        Task.FromResult(new TransformPreviewer(registry, validator).Preview(request));

    public Task<ImmutableArray<LoggerLevel>> GetLoggersAsync() => Task.FromResult(logLevels.List());

    public async Task<ImmutableArray<string>> SetLoggerLevelAsync(string logger, string level, bool cluster)
    {
        var parsed = LogLevels.Parse(level) ?? throw InvalidLevel(level);
        if (!cluster)
        {
            return logLevels.Set(logger, parsed);
        }

        var silos = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        await Task.WhenAll(silos.Keys.Select(s => GrainFactory.GetGrain<ISiloLoggingGrain>(s.ToParsableString()).SetLevelAsync(logger, level)));
        return [];
    }

    /// <summary>
    /// Kafka's check that the body's <c>connector.class</c> names the path's plugin: equal once a trailing
    /// <c>Connector</c> is dropped from both, or ending with it (a full name against a simple one). Names that resolve
    /// to the same installed connector (an alias against the .NET name) also match.
    /// </summary>
    private bool SameConnector(string included, string plugin)
    {
        static string Normalize(string name) => name.EndsWith("Connector", StringComparison.Ordinal) ? name[..^"Connector".Length] : name;
        if (Normalize(included.Trim()).EndsWith(Normalize(plugin.Trim()), StringComparison.Ordinal))
        {
            return true;
        }

        var a = registry.TryResolve(PluginKind.Source, included) ?? registry.TryResolve(PluginKind.Sink, included);
        var b = registry.TryResolve(PluginKind.Source, plugin) ?? registry.TryResolve(PluginKind.Sink, plugin);
        return a is not null && a == b;
    }

    /// <summary>
    /// Kafka's <c>connectorPluginConfig</c>: the plugin's own keys, then, for a connector, the framework's keys it does
    /// not define itself (<c>SinkConnectorConfig</c> or <c>SourceConnectorConfig</c>), each in its definition order.
    /// </summary>
    private IEnumerable<ConfigKey> Keys(PluginDescriptor plugin)
    {
        var own = Definition(plugin);
        var framework = plugin.Kind switch
        {
            PluginKind.Sink => ConnectorConfig.Sink,
            PluginKind.Source => ConnectorConfig.Source,
            _ => new ConfigDef(),
        };
        return own.ConfigKeys.Concat(framework.ConfigKeys.Where(k => own.Find(k.Name) is null));
    }

    private ConfigDef Definition(PluginDescriptor plugin)
    {
        switch (plugin.Kind)
        {
            case PluginKind.Source or PluginKind.Sink:
                return registry.Create<Connector>(plugin).Config;
            case PluginKind.Converter:
                return registry.Create<IConverter>(plugin).Config;
            case PluginKind.HeaderConverter:
                return registry.Create<IHeaderConverter>(plugin).Config;
            case PluginKind.Transformation:
                using (var transform = registry.Create<ITransformation>(plugin))
                {
                    return transform.Config;
                }

            default:
                using (var predicate = registry.Create<IPredicate>(plugin))
                {
                    return predicate.Config;
                }
        }
    }

    /// <summary>Kafka answers an unknown level with 404 (a quirk kept for compatibility).</summary>
    internal static ConnectRestException InvalidLevel(string level) => new(404, $"Invalid level {level}.");

    private static (string Version, string Commit) ReadBuild()
    {
        var informational = typeof(WorkerGrain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
    }
}
