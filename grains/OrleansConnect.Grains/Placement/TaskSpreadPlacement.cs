using System.IO.Hashing;
using System.Text;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OrleansConnect.Grains.Placement;

/// <summary>
/// Spreads a connector's tasks over the silos: task <c>i</c> goes to the silo at position <c>(h + i) mod n</c> in the
/// address-ordered list of the <c>n</c> live silos, where <c>h</c> is a stable hash of the connector name. So N tasks
/// land on min(N, n) silos, and different connectors start at different silos. Chosen over Orleans' activation-count
/// placement, which reads activation counts the silos publish periodically: tasks created together all went to the
/// same silo. A task moved off a dead silo is placed by the same rule over the survivors; a rebalance
/// (<see cref="TaskBalancer"/>) then moves tasks between silos with a placement hint, which wins over the rule.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.TaskSpreadPlacement")]
public sealed class TaskSpreadPlacement : PlacementStrategy
{
    internal static TaskSpreadPlacement Instance { get; } = new();
}

/// <summary>Places a grain with <see cref="TaskSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskSpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public TaskSpreadPlacementAttribute()
        : base(TaskSpreadPlacement.Instance)
    {
    }
}

/// <summary>Chooses the silo of a task grain by <see cref="TaskSpreadPlacement"/>'s rule.</summary>
internal sealed class TaskSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);

        // A rebalance moving the task names its silo (Orleans' placement hint, set by ITaskGrain.MoveToAsync).
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }

        Array.Sort(silos, (a, b) => string.CompareOrdinal(a.ToParsableString(), b.ToParsableString()));
        var task = TaskId.Parse(target.GrainIdentity.Key.ToString()!);
        var start = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(task.Connector));
        return Task.FromResult(silos[(int)((start + (uint)task.Task) % (uint)silos.Length)]);
    }
}
