using OpenTelemetry.Metrics;
using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Silo;

/// <summary>The silo's metrics: Kafka Connect's worker and task figures, for Prometheus at <c>/metrics</c>.</summary>
internal static class SiloMetrics
{
    /// <summary>
    /// OpenTelemetry over the runtime's meter, exported in Prometheus' text format by
    /// <c>MapPrometheusScrapingEndpoint</c> (path <c>/metrics</c>, the one the Helm chart's scrape annotations name).
    /// </summary>
    public static IServiceCollection AddConnectMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ConnectMetrics.MeterName).AddPrometheusExporter());
        return services;
    }
}
