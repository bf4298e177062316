using OrleansConnect.Api;
using OrleansConnect.Grains;

// The REST API as its own process: an Orleans client of the silos' gateways. Localhost clustering only for now.
var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls("http://localhost:8084");
var orleans = builder.Configuration.GetSection(ClusterDefaults.Section);
builder.UseOrleansClient(client => client.UseLocalhostClustering(
    orleans.GetValue("GatewayPort", ClusterDefaults.GatewayPort),
    orleans.GetValue("ServiceId", ClusterDefaults.ServiceId)!,
    orleans.GetValue("ClusterId", ClusterDefaults.ClusterId)!));
builder.Services.AddConnectHealthChecks();

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
app.MapHealthEndpoints();
app.Run();
