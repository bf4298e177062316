using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// Ready when the cluster answers a grain call: in the silo, that the silo is active; in the API host, that a gateway
/// answers. The connector registry is asked because every REST call but <c>GET /</c> depends on it.
/// </summary>
public sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    /// <summary>The tag of the checks that decide readiness.</summary>
    public const string Tag = "ready";

    // A grain call waits up to Orleans' response timeout (30 s); a probe wants an answer sooner.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectors = await grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"The cluster answers; {connectors.Length} connectors");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster did not answer: {e.Message}", e);
        }
    }
}
