using Orleans.Dashboard;
using OrleansConnect.Api;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Silo;

if (await SiloCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

WorkerLaunch? launch;
WebApplicationBuilder builder;
try
{
    launch = WorkerLaunch.Parse(args);
    builder = WebApplication.CreateBuilder(launch?.HostArguments ?? args);
    launch?.Configure(builder.Configuration);
}
catch (WorkerFileException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return WorkerLaunch.WorkerErrorExitCode;
}

builder.UseDefaultUrls(SiloDefaults.Urls);
builder.UseOrleans(silo => silo.AddConnectSilo(builder.Configuration));
builder.Services.AddConnectHealthChecks();
builder.Services.AddConnectMetrics();
builder.Services.AddConnectOpenApi();
builder.Services.AddRestCors(builder.Configuration);
builder.Services.AddHostedService<StartupBanner>();

await using var app = builder.Build();
app.UseRestCors();
app.UseConnectErrors();
app.MapConnectEndpoints();
if (SiloDefaults.DashboardEnabled(app.Configuration))
{
    app.MapOrleansDashboard(routePrefix: SiloDefaults.DashboardPath);
}

app.MapHealthEndpoints();
app.MapConnectorHealthEndpoints();
app.MapPrometheusScrapingEndpoint();
if (launch is null)
{
    await app.RunAsync();
    return 0;
}

launch.LogStart(app.Logger, app.Configuration);
await app.StartAsync();
if (!await launch.CreateConnectorsAsync(app.Services.GetRequiredService<IGrainFactory>(), app.Logger, app.Lifetime.ApplicationStopping))
{
    await app.StopAsync();
    return WorkerLaunch.ConnectorErrorExitCode;
}

await app.WaitForShutdownAsync();
return 0;

/// <summary>The silo's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
