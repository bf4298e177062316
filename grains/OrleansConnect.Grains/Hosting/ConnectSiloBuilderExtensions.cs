using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansConnect.Grains.Hosting;

/// <summary>Adds the OrleansConnect runtime to a silo.</summary>
public static class ConnectSiloBuilderExtensions
{
    /// <summary>
    /// Registers the runtime: worker options (section <c>OrleansConnect</c>), the plugin registry over the given
    /// assemblies and <c>plugin.path</c>, the Kafka cluster (embedded when no bootstrap servers are set), the task
    /// supervisor. The caller registers clustering and the <see cref="ConnectStorage.Name"/> grain storage.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The application configuration.</param>
    /// <param name="pluginAssemblies">Assemblies with built-in plugins.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddOrleansConnect(this ISiloBuilder builder, IConfiguration configuration, params Assembly[] pluginAssemblies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOrleansConnectRuntime(configuration, pluginAssemblies);
        return builder;
    }

    internal static IServiceCollection AddOrleansConnectRuntime(this IServiceCollection services, IConfiguration configuration, Assembly[] pluginAssemblies)
    {
        // TODO(#2): filled in with the runtime services.
        _ = configuration;
        _ = pluginAssemblies;
        return services;
    }
}
