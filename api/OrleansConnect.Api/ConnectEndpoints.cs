namespace OrleansConnect.Api;

/// <summary>The whole Kafka Connect REST API.</summary>
public static class ConnectEndpoints
{
    /// <summary>
    /// Maps every endpoint and the OpenAPI document, each management operation audited (<see cref="AuditFilter"/>);
    /// call <see cref="ConnectErrors.UseConnectErrors"/> before it and <see cref="OpenApiEndpoints.AddConnectOpenApi"/>
    /// on the services.
    /// </summary>
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(string.Empty);
        api.AddEndpointFilter<AuditFilter>();
        api.MapRootEndpoints()
            .MapConnectorEndpoints()
            .MapConnectorOffsetEndpoints()
            .MapConnectorTopicEndpoints()
            .MapConnectorMetricsEndpoints()
            .MapConnectorPluginEndpoints()
            .MapLoggerEndpoints()
            .MapRebalanceEndpoints()
            .MapImportEndpoints()
            .MapAuditEndpoints()
            .MapOpenApiEndpoints();
        return routes;
    }
}
