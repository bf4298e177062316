using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansConnect.Grains.Storage;

/// <summary>Registers grain storage in files (<see cref="FileGrainStorage"/>).</summary>
public static class FileStorageSiloBuilderExtensions
{
    /// <summary>
    /// Keeps the grain state of the named providers in files under <paramref name="directory"/>, which the silo
    /// creates and locks at start. Orleans' own serializer writes the state, as on PostgreSQL, so a state record's
    /// stable <c>[Id]</c>s keep old files readable.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="directory">The state directory.</param>
    /// <param name="providerNames">The grain storage provider names to register.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder silo, string directory, params string[] providerNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var services = silo.Services;
        services.AddSingleton(sp => new FileStateDirectory(directory, sp.GetRequiredService<ILogger<FileStateDirectory>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FileStateDirectory>());
        foreach (var name in providerNames)
        {
            services.AddGrainStorage(name, (sp, key) => new FileGrainStorage(
                key,
                sp.GetRequiredService<FileStateDirectory>(),
                new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()),
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILogger<FileGrainStorage>>()));
        }

        return silo;
    }
}
