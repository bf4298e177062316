using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansConnect.Grains.Placement;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IRebalanceGrain" />
/// <remarks>
/// Not reentrant: the rebalances that several silos ask for after one membership change run one after the other, and
/// the later ones find the cluster balanced. Where a task runs comes from its status (<c>worker_id</c>), the live
/// silos from the membership snapshot; moves go through <see cref="ITaskGrain.MoveToAsync"/> (Orleans grain
/// migration, placed by <see cref="TaskSpreadPlacement"/>'s director on the silo asked for).
/// </remarks>
internal sealed partial class RebalanceGrain(IClusterMembershipService membership, ILogger<RebalanceGrain> logger) : Grain, IRebalanceGrain
{
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(30);

    public async Task<ImmutableArray<TaskMove>> RebalanceAsync(CancellationToken cancellationToken = default)
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .ToDictionary(m => m.SiloAddress.Endpoint.ToString(), m => m.SiloAddress, StringComparer.Ordinal);
        var placed = new List<(TaskId, string)>();
        foreach (var name in await GrainFactory.GetGrain<IConnectorRegistryGrain>(0).ListAsync())
        {
            var status = await GrainFactory.GetGrain<IConnectorGrain>(name).GetStatusAsync();
            placed.AddRange(status.Tasks.Select(t => (new TaskId(name, t.Id), t.Status.WorkerId)));
        }

        var moves = TaskBalancer.Plan(silos.Keys, placed);
        foreach (var move in moves)
        {
            LogMove(logger, move.Task.ToString(), move.From, move.To);
            await GrainFactory.GetGrain<ITaskGrain>(move.Task.ToGrainKey()).MoveToAsync(silos[move.To], cancellationToken);
        }

        // Answer once the moved tasks answer from their new silos, so the caller sees the cluster as it now is.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MoveTimeout);
        foreach (var move in moves)
        {
            await WaitUntilMovedAsync(move, timeout.Token);
        }

        return [.. moves];
    }

    private async Task WaitUntilMovedAsync(TaskMove move, CancellationToken cancellationToken)
    {
        var task = GrainFactory.GetGrain<ITaskGrain>(move.Task.ToGrainKey());
        try
        {
            while ((await task.GetStatusAsync()).WorkerId != move.To)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            LogMoveNotSeen(logger, move.Task.ToString(), move.To, MoveTimeout.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalance: task {TaskId} moves from {From} to {To}")]
    private static partial void LogMove(ILogger logger, string taskId, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebalance: task {TaskId} did not answer from {To} within {Seconds} s")]
    private static partial void LogMoveNotSeen(ILogger logger, string taskId, string to, double seconds);
}
