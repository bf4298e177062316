using System.Collections.Immutable;
using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>GET /connectors/{name}/metrics</c>: a JSON summary of the connector's task metrics, gathered from every silo that
/// runs one of its tasks (Prometheus scrapes each silo's <c>/metrics</c> for the same figures as series).
/// </summary>
public static class ConnectorMetricsEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapConnectorMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/connectors/{name}/metrics", async (string name, IGrainFactory grains) =>
            TypedResults.Ok(ToResponse(name, await grains.GetGrain<IConnectorGrain>(name).GetMetricsAsync())));
        return routes;
    }

    private static ConnectorMetricsResponse ToResponse(string name, ImmutableArray<TaskMetricsInfo> tasks) =>
        new(name, [.. tasks.Select(t => new TaskMetricsResponse(t.Task, t.State.ToString().ToUpperInvariant(), t.WorkerId, t.Metrics))]);
}
