using Orleans.Configuration;
using OrleansConnect.Api;
using OrleansConnect.Grains;

// The REST API as its own process: an Orleans client of the silos' gateways, found in the PostgreSQL membership table
// when ConnectionStrings:PostgreSQL is set (distributed mode), otherwise on localhost.
var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls("http://localhost:8084");
var orleans = builder.Configuration.GetSection(ClusterDefaults.Section);
var clusterId = orleans.GetValue("ClusterId", ClusterDefaults.ClusterId)!;
var serviceId = orleans.GetValue("ServiceId", ClusterDefaults.ServiceId)!;
var postgres = builder.Configuration.GetConnectionString(ClusterDefaults.PostgreSqlConnectionName);
builder.UseOrleansClient(client =>
{
    if (string.IsNullOrWhiteSpace(postgres))
    {
        client.UseLocalhostClustering(orleans.GetValue("GatewayPort", ClusterDefaults.GatewayPort), serviceId, clusterId);
    }
    else
    {
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
        client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (ClusterDefaults.NpgsqlInvariant, postgres));
    }
});
builder.Services.AddConnectHealthChecks();
builder.Services.AddConnectOpenApi();

var app = builder.Build();
app.UseConnectErrors();
app.MapConnectEndpoints();
app.MapHealthEndpoints();
app.MapConnectorHealthEndpoints();
app.Run();
