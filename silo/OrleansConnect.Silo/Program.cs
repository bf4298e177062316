using Orleans.Dashboard;
using OrleansConnect.Api;
using OrleansConnect.Silo;

if (await SiloCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls(SiloDefaults.Urls);
builder.UseOrleans(silo => silo.AddConnectSilo(builder.Configuration));
builder.Services.AddConnectHealthChecks();
builder.Services.AddConnectOpenApi();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
if (SiloDefaults.DashboardEnabled(app.Configuration))
{
    app.MapOrleansDashboard(routePrefix: SiloDefaults.DashboardPath);
}

app.MapHealthEndpoints();
await app.RunAsync();
return 0;

/// <summary>The silo's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
