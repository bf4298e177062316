using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// Confluent's S3 sink config on a running silo: embedded Kafka -> s3rver through the runtime's consumer group, the
/// objects read back from the server.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class S3PipelineTests(SiloFixture silo, S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Sink_TopicToBucket_EveryRecordInExactlyOneObjectNamedAsConfluent()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (name, topic) = ($"s3-sink-{id}", $"s3-sink-{id}");
        var expected = Enumerable.Range(0, 1000).Select(i => $"record-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        await Kcat.ProduceAsync(silo.KafkaBootstrapServers, topic, expected);

        var config = new JsonObject
        {
            ["connector.class"] = "io.confluent.connect.s3.S3SinkConnector",
            ["tasks.max"] = "1",
            ["topics"] = topic,
            ["storage.class"] = "io.confluent.connect.s3.storage.S3Storage",
            ["format.class"] = "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
            ["flush.size"] = "100",
            ["value.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
        };
        foreach (var (key, value) in s3.ConnectorConfig)
        {
            config[key] = value;
        }

        await Rest.CreateConnectorAsync(silo.Http, new JsonObject { ["name"] = name, ["config"] = config });
        var keys = await Eventually.HoldsAsync(
            () => s3.KeysAsync($"topics/{topic}/"),
            found => found.Count >= 10,
            found => $"bucket {s3.Bucket} has {found.Count} objects of connector {name}, expected 10\n{Tail(silo.Output)}",
            TimeSpan.FromSeconds(60));
        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{name}", System.Net.HttpStatusCode.NoContent);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"topics/{topic}/partition=0/{topic}+0+{i * 100:D10}.bin"), keys);
        var lines = new List<string>();
        foreach (var key in keys)
        {
            lines.AddRange(Encoding.UTF8.GetString(await s3.ReadAsync(key)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(expected, lines);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
