using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RootEndpointsTests(ApiFactory factory)
{
    [Fact]
    public async Task GetRoot_EmbeddedKafka_ReportsVersionClusterAndBootstrapAddress()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("commit").GetString()));
        Assert.StartsWith("mockCluster", body.GetProperty("kafka_cluster_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:", body.GetProperty("embedded_kafka_bootstrap_servers").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("worker_id").GetString()));
    }
}
