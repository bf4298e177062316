using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansConnect.Api.Contracts;

namespace OrleansConnect.Api;

/// <summary>
/// Probes: <c>/health/live</c> (the process answers HTTP), <c>/health/ready</c> (the cluster answers grain calls), and
/// Kafka Connect's own <c>GET /health</c> (KIP-1017) with its body, decided by the same readiness check.
/// </summary>
public static class HealthEndpoints
{
    private const string HealthyMessage = "Worker has completed startup and is ready to handle requests.";

    /// <summary>Registers the readiness check that <see cref="MapHealthEndpoints"/> serves.</summary>
    public static IServiceCollection AddConnectHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: [ClusterReadyCheck.Tag]);
        return services;
    }

    /// <summary>Maps the probes; needs <see cref="AddConnectHealthChecks"/>.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = IsReadiness });
        routes.MapGet("/health", async Task<JsonHttpResult<WorkerStatusResponse>> (HealthCheckService health, CancellationToken ct) =>
        {
            var report = await health.CheckHealthAsync(IsReadiness, ct);
            return report.Status == HealthStatus.Healthy
                ? TypedResults.Json(new WorkerStatusResponse("healthy", HealthyMessage))
                : TypedResults.Json(
                    new WorkerStatusResponse("unhealthy", string.Join("; ", report.Entries.Values.Select(e => e.Description))),
                    statusCode: StatusCodes.Status500InternalServerError);
        });
        return routes;
    }

    private static bool IsReadiness(HealthCheckRegistration check) => check.Tags.Contains(ClusterReadyCheck.Tag);
}
