using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary><c>/connector-plugins</c>: Kafka Connect's ConnectorPluginsResource.</summary>
public static class ConnectorPluginEndpoints
{
    /// <summary>Maps the plugin endpoints.</summary>
    public static IEndpointRouteBuilder MapConnectorPluginEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/connector-plugins", async (HttpRequest request, IGrainFactory grains) =>
        {
            var value = request.Query["connectorsOnly"].ToString();
            var connectorsOnly = value.Length == 0 || (bool.TryParse(value, out var flag)
                ? flag
                : throw ConnectRestException.BadRequest($"Query parameter connectorsOnly must be true or false, not '{value}'"));
            var plugins = await grains.GetGrain<IWorkerGrain>(0).GetPluginsAsync(connectorsOnly);
            return TypedResults.Ok(plugins.Select(p => p.ToResponse()).ToList());
        });
        routes.MapGet("/connector-plugins/{plugin}/config", async (string plugin, IGrainFactory grains) =>
            TypedResults.Ok((await Worker(grains).GetPluginConfigAsync(plugin)).Select(k => k.ToResponse()).ToList()));
        routes.MapPut("/connector-plugins/{plugin}/config/validate", async (string plugin, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            var (config, nullKeys) = await ConnectorRequests.ReadConfigWithNullsAsync(request, ct);
            return TypedResults.Ok((await Worker(grains).ValidateConnectorConfigAsync(plugin, config, nullKeys)).ToResponse());
        });

        // OrleansConnect's own: Kafka Connect has no way to try a transformation chain without a connector.
        routes.MapPost("/connector-plugins/transforms/preview", async (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok((await Worker(grains).PreviewTransformationsAsync(await ConnectorRequests.ReadPreviewAsync(request, ct))).ToResponse()));
        return routes;
    }

    private static IWorkerGrain Worker(IGrainFactory grains) => grains.GetGrain<IWorkerGrain>(0);
}
