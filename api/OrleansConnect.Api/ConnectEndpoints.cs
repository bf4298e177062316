namespace OrleansConnect.Api;

/// <summary>The whole Kafka Connect REST API.</summary>
public static class ConnectEndpoints
{
    /// <summary>
    /// Maps every endpoint and the OpenAPI document; call <see cref="ConnectErrors.UseConnectErrors"/> before it and
    /// <see cref="OpenApiEndpoints.AddConnectOpenApi"/> on the services.
    /// </summary>
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapRootEndpoints()
            .MapConnectorEndpoints()
            .MapConnectorOffsetEndpoints()
            .MapConnectorTopicEndpoints()
            .MapConnectorMetricsEndpoints()
            .MapConnectorPluginEndpoints()
            .MapLoggerEndpoints()
            .MapRebalanceEndpoints()
            .MapImportEndpoints()
            .MapOpenApiEndpoints();
}
