using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansConnect.Grains;

namespace OrleansConnect.Silo;

/// <summary>Ready when the cluster answers a grain call: the silo is active and the connector registry reachable.</summary>
internal sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectors = await grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{connectors.Length} connectors");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer", e);
        }
    }
}
