using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary><c>/connectors/{name}/topics</c>: Kafka Connect's topic tracking (KIP-558).</summary>
public static class ConnectorTopicEndpoints
{
    /// <summary>Maps <c>GET /connectors/{name}/topics</c> and <c>PUT /connectors/{name}/topics/reset</c>.</summary>
    public static IEndpointRouteBuilder MapConnectorTopicEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/connectors/{name}/topics", async (string name, IGrainFactory grains) =>
            TypedResults.Ok(new Dictionary<string, ActiveTopicsResponse>(StringComparer.Ordinal)
            {
                [name] = new ActiveTopicsResponse(await grains.GetGrain<IConnectorGrain>(name).GetActiveTopicsAsync()),
            }));
        routes.MapPut("/connectors/{name}/topics/reset", async (string name, IGrainFactory grains) =>
        {
            await grains.GetGrain<IConnectorGrain>(name).ResetActiveTopicsAsync();
            return TypedResults.Accepted((string?)null);
        });
        return routes;
    }
}
