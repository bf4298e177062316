using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OrleansConnect.Grains.Placement;

/// <summary>
/// Places a grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>), so a caller can reach each silo:
/// one activation per silo, as Kafka's cluster-wide admin requests reach each worker.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.SiloKeyedPlacement")]
public sealed class SiloKeyedPlacement : PlacementStrategy
{
    internal static SiloKeyedPlacement Instance { get; } = new();
}

/// <summary>Places a grain with <see cref="SiloKeyedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyedPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public SiloKeyedPlacementAttribute()
        : base(SiloKeyedPlacement.Instance)
    {
    }
}

/// <summary>Chooses the silo named by the grain key; a silo that has left the cluster cannot host it.</summary>
internal sealed class SiloKeyedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        return Task.FromResult(context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key)
            ?? throw new SiloUnavailableException($"Silo {key} is not an active member of the cluster"));
    }
}
