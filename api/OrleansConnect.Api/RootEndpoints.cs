using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary><c>GET /</c>: Kafka Connect's RootResource.</summary>
public static class RootEndpoints
{
    /// <summary>Maps <c>GET /</c>.</summary>
    public static IEndpointRouteBuilder MapRootEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", async (IGrainFactory grains) =>
            TypedResults.Ok((await grains.GetGrain<IWorkerGrain>(0).GetServerInfoAsync()).ToResponse()));
        return routes;
    }
}
