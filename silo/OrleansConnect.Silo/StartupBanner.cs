using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansConnect.Silo;

/// <summary>Prints where the REST API and the dashboard are once the server listens.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                LogListening(logger, address, address.TrimEnd('/') + SiloDefaults.DashboardPath);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect REST API at {RestAddress}; Orleans dashboard at {DashboardAddress}")]
    private static partial void LogListening(ILogger logger, string restAddress, string dashboardAddress);
}
