using Orleans.Dashboard;
using OrleansConnect.Api;
using OrleansConnect.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls(SiloDefaults.Urls);
builder.UseOrleans(silo => silo.AddStandaloneSilo(builder.Configuration));
builder.Services.AddConnectHealthChecks();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
app.MapOrleansDashboard(routePrefix: SiloDefaults.DashboardPath);
app.MapHealthEndpoints();
app.Run();

/// <summary>The silo's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
