namespace OrleansConnect.Api;

/// <summary>The OpenAPI document of the REST API, served at <c>/openapi/v1.json</c>.</summary>
public static class OpenApiEndpoints
{
    /// <summary>Registers the document generator; <see cref="ConnectEndpoints.MapConnectEndpoints"/> serves it.</summary>
    public static IServiceCollection AddConnectOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // The silo also serves the Orleans dashboard's own endpoints: not part of this API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("dashboard", StringComparison.Ordinal) != true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "OrleansConnect REST API";
                document.Info.Description = "Kafka Connect's REST API, served by OrleansConnect.";
                return Task.CompletedTask;
            });
        });

    /// <summary>Maps <c>GET /openapi/{documentName}.json</c>.</summary>
    public static IEndpointRouteBuilder MapOpenApiEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi();
        return routes;
    }
}
