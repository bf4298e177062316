using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Silo;

/// <summary>Prints where the REST API and the dashboard (when it runs) are once the server listens, and the embedded Kafka's limit when it runs.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                if (SiloDefaults.DashboardEnabled(configuration))
                {
                    LogListening(logger, address, address.TrimEnd('/') + SiloDefaults.DashboardPath);
                }
                else
                {
                    LogListeningWithoutDashboard(logger, address);
                }
            }

            if (string.IsNullOrWhiteSpace(configuration[$"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}"]))
            {
                LogEmbeddedKafka(logger, KafkaOptions.EmbeddedRetentionBytesPerPartition / (1024 * 1024), KafkaOptions.EmbeddedRetentionBatchesPerPartition);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect REST API at {RestAddress}; Orleans dashboard at {DashboardAddress}")]
    private static partial void LogListening(ILogger logger, string restAddress, string dashboardAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: the embedded cluster (no Kafka:BootstrapServers), in memory, for development and tests only. Each partition keeps at most {RetentionMegabytes} MB or {RetentionBatches} record batches and deletes the oldest beyond that: a sink that falls further behind loses records (each gap is logged as an error)")]
    private static partial void LogEmbeddedKafka(ILogger logger, long retentionMegabytes, int retentionBatches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect REST API at {RestAddress}; Orleans dashboard off")]
    private static partial void LogListeningWithoutDashboard(ILogger logger, string restAddress);
}
