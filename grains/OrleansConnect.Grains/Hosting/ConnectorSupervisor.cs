using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansConnect.Grains.Kafka;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// The durable "this should be running" signal: on every silo, on an interval and on every membership change, pings
/// each registered connector, which pings its tasks. A ping to a grain whose silo died re-activates it on a live silo
/// from its persisted state. After a membership change it also asks for a rebalance, which spreads the tasks evenly
/// over the silos now live. Every ping and rebalance is idempotent, so all silos may do it at once.
/// </summary>
internal sealed partial class ConnectorSupervisor(
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<WorkerOptions> options,
    KafkaCluster kafka,
    ILogger<ConnectorSupervisor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Taking the Kafka cluster here starts the embedded one (and logs its address) with the host, not at first use.
        LogStarted(logger, kafka.BootstrapServers);
        using var wake = new SemaphoreSlim(0);
        _ = WatchMembershipAsync(wake, stoppingToken);
        var interval = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.SupervisorIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var membershipChanged = await wake.WaitAsync(interval, stoppingToken);
                await PingAllAsync(stoppingToken);
                if (membershipChanged && options.Value.Rebalance)
                {
                    // After the pings, so that the tasks of a dead silo are placed again first and counted where they are.
                    await grains.GetGrain<IRebalanceGrain>(0).RebalanceAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The silo may still be starting or the cluster changing: try again at the next tick.
                LogPingFailed(logger, e);
            }
        }
    }

    private async Task PingAllAsync(CancellationToken cancellationToken)
    {
        var names = await grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync();
        foreach (var name in names)
        {
            try
            {
                await grains.GetGrain<IConnectorGrain>(name).EnsureRunningAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogConnectorPingFailed(logger, e, name);
            }
        }
    }

    private async Task WatchMembershipAsync(SemaphoreSlim wake, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                wake.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Supervising connectors; Kafka bootstrap servers: {BootstrapServers}")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Supervisor tick failed; retrying at the next tick")]
    private static partial void LogPingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supervisor could not ping connector {ConnectorName}")]
    private static partial void LogConnectorPingFailed(ILogger logger, Exception exception, string connectorName);
}
