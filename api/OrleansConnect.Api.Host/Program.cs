using OrleansConnect.Api;

// The REST API as its own process: an Orleans client of the silos' gateways. Thin until distributed mode (#3).
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8084");
}

var orleans = builder.Configuration.GetSection("Orleans");
builder.UseOrleansClient(client => client.UseLocalhostClustering(
    orleans.GetValue("GatewayPort", 30000),
    orleans.GetValue("ServiceId", "orleansconnect")!,
    orleans.GetValue("ClusterId", "orleansconnect")!));

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
app.MapGet("/health/live", () => TypedResults.Ok("Healthy"));
app.Run();
