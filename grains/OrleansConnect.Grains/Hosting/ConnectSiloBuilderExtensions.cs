using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Offsets;
using OrleansConnect.Grains.Placement;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;

namespace OrleansConnect.Grains.Hosting;

/// <summary>Adds the OrleansConnect runtime to a silo.</summary>
public static class ConnectSiloBuilderExtensions
{
    /// <summary>
    /// Registers the runtime: worker options (section <c>OrleansConnect</c>), Kafka options (section <c>Kafka</c>), the plugin registry over the given
    /// assemblies and <c>PluginPath</c>, the Kafka cluster (embedded when no bootstrap servers are set, started with
    /// the host), and the connector supervisor. The caller registers clustering and the
    /// <see cref="ConnectStorage.Name"/> grain storage.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The application configuration.</param>
    /// <param name="pluginAssemblies">Assemblies with built-in plugins.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddOrleansConnect(this ISiloBuilder builder, IConfiguration configuration, params Assembly[] pluginAssemblies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.Configure<WorkerOptions>(configuration.GetSection(WorkerOptions.SectionName));
        services.Configure<KafkaOptions>(configuration.GetSection(KafkaOptions.SectionName));
        services.AddSingleton(sp => new PluginRegistry(
            pluginAssemblies,
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value.PluginPath,
            sp.GetRequiredService<ILogger<PluginRegistry>>()));
        services.AddSingleton<ConnectorValidator>();
        services.AddSingleton<KafkaCluster>();
        services.AddSingleton<SinkOffsetStore>();
        services.AddSingleton<TaskRuntime>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TaskDrainer>();
        services.AddHostedService<ConnectorSupervisor>();
        builder.AddIncomingGrainCallFilter<SerializableExceptionFilter>();
        services.AddPlacementDirector<TaskSpreadPlacement, TaskSpreadPlacementDirector>();
        services.AddPlacementDirector<SiloKeyedPlacement, SiloKeyedPlacementDirector>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new LogLevels(configuration, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(sp => sp.GetRequiredService<LogLevels>());
        services.AddSingleton<IOptionsChangeTokenSource<LoggerFilterOptions>>(sp => sp.GetRequiredService<LogLevels>());
        return builder;
    }

    /// <summary>
    /// Makes every failure of the grain storage <paramref name="storageName"/> reach callers as a serializable
    /// <see cref="ClusterStorageException"/>, which tasks and the REST API treat as the cluster's passing failure. Call
    /// it after the provider is registered, for each provider whose storage can become unreachable (PostgreSQL).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="storageName">The name the grain storage is registered under.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder ClassifyStorageFailures(this ISiloBuilder builder, string storageName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ClassifiedGrainStorage.Wrap(builder.Services, storageName);
        return builder;
    }
}
