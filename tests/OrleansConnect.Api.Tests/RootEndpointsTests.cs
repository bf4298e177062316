using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RootEndpointsTests(ApiFactory factory)
{
    [Fact]
    public async Task GetRoot_EmbeddedKafka_ReportsVersionClusterBootstrapAddressAndRetentionLimit()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("commit").GetString()));
        Assert.StartsWith("mockCluster", body.GetProperty("kafka_cluster_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:", body.GetProperty("embedded_kafka_bootstrap_servers").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("worker_id").GetString()));
        Assert.Equal(5 * 1024 * 1024, body.GetProperty("embedded_kafka_retention_bytes_per_partition").GetInt64());
        Assert.Equal(100_000, body.GetProperty("embedded_kafka_retention_batches_per_partition").GetInt32());
    }
}
