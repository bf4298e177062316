using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace OrleansConnect.Silo;

/// <summary><c>/health/live</c>: the process answers; <c>/health/ready</c>: the cluster answers grain calls.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ClusterReadyCheck.Tag) });
        return routes;
    }
}
