using OrleansConnect.Api.Contracts;

namespace OrleansConnect.Api;

/// <summary>
/// Kafka Connect endpoints not built yet. They answer 501 with a message rather than 404 or 405, so a script learns
/// that the path is known and not supported yet.
/// </summary>
public static class NotImplementedEndpoints
{
    private static readonly (string Method, string Pattern)[] Pending =
    [
        ("PUT", "/connector-plugins/{plugin}/config/validate"),
        ("GET", "/connector-plugins/{plugin}/config"),
    ];

    /// <summary>Maps every pending endpoint to a 501.</summary>
    public static IEndpointRouteBuilder MapNotImplementedEndpoints(this IEndpointRouteBuilder routes)
    {
        foreach (var (method, pattern) in Pending)
        {
            routes.MapMethods(pattern, [method], () => TypedResults.Json(
                new ErrorResponse(StatusCodes.Status501NotImplemented, $"{method} {pattern} is not implemented yet in OrleansConnect"),
                statusCode: StatusCodes.Status501NotImplemented));
        }

        return routes;
    }
}
