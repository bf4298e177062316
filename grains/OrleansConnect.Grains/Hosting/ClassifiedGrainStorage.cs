using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// A grain storage whose failures are the cluster's: it forwards every call to the provider it wraps and turns any
/// failure into a <see cref="ClusterStorageException"/>, the one place where storage failures are classified. That
/// type is serializable, so a grain whose state write or activation read failed answers its caller with it (a
/// provider's own exception, such as Npgsql's, has no Orleans codec and arrived as a <c>CodecNotFoundException</c>),
/// and <see cref="ClusterErrors.IsTransient"/> tells loops and the REST API that it passes. An ETag conflict
/// (<see cref="InconsistentStateException"/>) is not a storage failure and passes unchanged.
/// </summary>
internal sealed class ClassifiedGrainStorage(string name, IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Classify(e, "read", stateName, grainId);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Classify(e, "write", stateName, grainId);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Classify(e, "clear", stateName, grainId);
        }
    }

    /// <summary>The wrapped provider's start-up (the ADO.NET provider initialises itself in the silo lifecycle).</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>
    /// Wraps the grain storage registered as <paramref name="name"/> (the last registration of that key) in a
    /// <see cref="ClassifiedGrainStorage"/>. Call it after the provider is added.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="name">The storage provider's name.</param>
    public static void Wrap(IServiceCollection services, string name)
    {
        var registered = services.LastOrDefault(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException($"No grain storage named {name} is registered");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new ClassifiedGrainStorage(name, Create(registered, sp, key)));
    }

    private static IGrainStorage Create(ServiceDescriptor registered, IServiceProvider services, object? key) =>
        (IGrainStorage)(registered.KeyedImplementationInstance
            ?? registered.KeyedImplementationFactory?.Invoke(services, key)
            ?? ActivatorUtilities.CreateInstance(services, registered.KeyedImplementationType!));

    private static bool IsStorageFailure(Exception exception) =>
        exception is not (InconsistentStateException or ClusterStorageException);

    private ClusterStorageException Classify(Exception exception, string operation, string stateName, GrainId grainId)
    {
        // The cause is described, not attached: it must cross grain calls, and a provider's exception types cannot.
        return new ClusterStorageException($"The cluster's storage ('{name}') could not {operation} the state '{stateName}' of {grainId}: {ExceptionChain.Describe(exception)}");
    }
}
