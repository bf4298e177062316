using System.Collections.Immutable;
using System.Reflection;
using Orleans.Concurrency;
using Orleans.Runtime;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Plugins;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IWorkerGrain" />
[StatelessWorker]
internal sealed class WorkerGrain(PluginRegistry registry, KafkaCluster kafka, LogLevels logLevels, ILocalSiloDetails silo) : Grain, IWorkerGrain
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

        return new ServerInfo(Build.Version, Build.Commit, _clusterId, kafka.Embedded is null ? null : kafka.BootstrapServers, silo.SiloAddress.Endpoint.ToString());
    }

    public Task<ImmutableArray<PluginInfo>> GetPluginsAsync(bool connectorsOnly) =>
        Task.FromResult(registry.Plugins
            .Where(p => !connectorsOnly || p.Kind is PluginKind.Source or PluginKind.Sink)
            .Select(p => new PluginInfo(p.DisplayName, p.KindName, p.Version))
            .ToImmutableArray());

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

    /// <summary>Kafka answers an unknown level with 404 (a quirk kept for compatibility).</summary>
    internal static ConnectRestException InvalidLevel(string level) => new(404, $"Invalid level {level}.");

    private static (string Version, string Commit) ReadBuild()
    {
        var informational = typeof(WorkerGrain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
    }
}
