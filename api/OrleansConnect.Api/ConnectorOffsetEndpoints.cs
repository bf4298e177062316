using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary><c>/connectors/{name}/offsets</c>: Kafka Connect's offsets API (KIP-875).</summary>
public static class ConnectorOffsetEndpoints
{
    /// <summary>Maps GET, PATCH (alter) and DELETE (reset) of a connector's offsets.</summary>
    public static IEndpointRouteBuilder MapConnectorOffsetEndpoints(this IEndpointRouteBuilder routes)
    {
        var offsets = routes.MapGroup("/connectors/{name}/offsets");
        offsets.MapGet("/", async (string name, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok((await Connector(grains, name).GetOffsetsAsync(ct)).ToResponse()));
        offsets.MapPatch("/", async (string name, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(new MessageResponse(await Connector(grains, name).AlterOffsetsAsync(await ConnectorRequests.ReadOffsetsAsync(request, ct), ct))));
        offsets.MapDelete("/", async (string name, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok(new MessageResponse(await Connector(grains, name).ResetOffsetsAsync(ct))));
        return routes;
    }

    private static IConnectorGrain Connector(IGrainFactory grains, string name) => grains.GetGrain<IConnectorGrain>(name);
}
