using OrleansConnect.Api;

// The REST API as its own process: an Orleans client of the silos' gateways. Localhost clustering only for now.
var builder = WebApplication.CreateBuilder(args);

// Only when nothing else sets the URLs: a "Urls" in appsettings.json would take precedence over ASPNETCORE_URLS.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8084");
}

var orleans = builder.Configuration.GetSection("Orleans");
builder.UseOrleansClient(client => client.UseLocalhostClustering(
    orleans.GetValue("GatewayPort", 30000),
    orleans.GetValue("ServiceId", "orleansconnect")!,
    orleans.GetValue("ClusterId", "orleansconnect")!));
builder.Services.AddConnectHealthChecks();

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
app.MapHealthEndpoints();
app.Run();
