using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansConnect.Silo;

/// <summary>Prints where the REST API and the dashboard (when it runs) are once the server listens.</summary>
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
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect REST API at {RestAddress}; Orleans dashboard at {DashboardAddress}")]
    private static partial void LogListening(ILogger logger, string restAddress, string dashboardAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect REST API at {RestAddress}; Orleans dashboard off")]
    private static partial void LogListeningWithoutDashboard(ILogger logger, string restAddress);
}
