using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>POST /admin/rebalance</c>, ours (Kafka Connect has no such endpoint: its group protocol rebalances by itself):
/// spreads the tasks evenly over the live silos now, also when automatic rebalancing is off.
/// </summary>
public static class RebalanceEndpoints
{
    /// <summary>Maps the rebalance endpoint.</summary>
    public static IEndpointRouteBuilder MapRebalanceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/rebalance", async (IGrainFactory grains, CancellationToken ct) =>
        {
            var moves = await grains.GetGrain<IRebalanceGrain>(0).RebalanceAsync(ct);
            return TypedResults.Ok(new RebalanceResponse([.. moves.Select(m => new TaskMoveResponse(new ConnectorTaskId(m.Task.Connector, m.Task.Task), m.From, m.To))]));
        });
        return routes;
    }
}
