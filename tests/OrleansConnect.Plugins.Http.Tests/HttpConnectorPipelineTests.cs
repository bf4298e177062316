using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>
/// The connectors under their Confluent class names, created over REST on a real silo with its embedded Kafka, as a
/// user runs them: records go from a topic to the endpoint, and from the endpoint to a topic.
/// </summary>
public sealed class HttpConnectorPipelineTests(SiloFixture silo, HttpTestServer server) : IClassFixture<SiloFixture>, IClassFixture<HttpTestServer>
{
    [Fact]
    public async Task HttpSinkConnector_ConfluentConfig_DeliversEveryRecordOfTheTopicThroughAFlakyEndpoint()
    {
        var name = "http-sink-" + Guid.NewGuid().ToString("N")[..8];
        var topic = name + "-in";
        var endpoint = server.Endpoint().FailWith(503, 2);
        string[] lines = [.. Enumerable.Range(1, 5).Select(i => $$"""{"id":{{i}}}""")];
        await Kcat.ProduceAsync(silo.KafkaBootstrapServers, topic, lines);

        await Rest.CreateConnectorAsync(silo.Http, new JsonObject
        {
            ["name"] = name,
            ["config"] = new JsonObject
            {
                ["connector.class"] = "io.confluent.connect.http.HttpSinkConnector",
                ["topics"] = topic,
                ["tasks.max"] = "1",
                ["http.api.url"] = endpoint.Url + "${topic}",
                ["headers"] = "Content-Type:application/json",
                ["batch.max.size"] = "10",
                ["batch.prefix"] = "[",
                ["batch.suffix"] = "]",
                ["retry.backoff.ms"] = "50",
                ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
                ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            },
        });

        var ids = await Eventually.HoldsAsync(
            () => Task.FromResult(endpoint.Accepted.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt32())).ToList()),
            ids => ids.Count >= lines.Length,
            ids => $"{name}: the endpoint has {ids.Count} of {lines.Length} records ({endpoint.Requests.Count} requests)");
        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.All(endpoint.Accepted, r => Assert.Equal($"/{endpoint.Name}/{topic}", r.Path));
        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{name}", System.Net.HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task HttpSourceConnector_ConfluentConfig_WritesEveryPageToTheTopic()
    {
        var name = "http-source-" + Guid.NewGuid().ToString("N")[..8];
        var topic = name + "-out";
        var endpoint = server.Endpoint().Serve(request =>
        {
            var from = int.Parse(HttpUtility.ParseQueryString(new Uri("http://x" + request.RawTarget).Query)["offset"]!, System.Globalization.CultureInfo.InvariantCulture);
            return JsonSerializer.Serialize(new { items = Enumerable.Range(from, Math.Max(0, Math.Min(2, 5 - from))).Select(i => new { id = i }) });
        });

        await Rest.CreateConnectorAsync(silo.Http, new JsonObject
        {
            ["name"] = name,
            ["config"] = new JsonObject
            {
                ["connector.class"] = "io.confluent.connect.http.HttpSourceConnector",
                ["url"] = endpoint.Url + "items?offset=${offset}",
                ["topic.name.pattern"] = topic,
                ["http.offset.mode"] = "SIMPLE_INCREMENTING",
                ["http.response.data.json.pointer"] = "/items",
                ["request.interval.ms"] = "500",
                ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            },
        });

        var values = await Eventually.HoldsAsync(
            () => Kcat.ConsumeAllAsync(silo.KafkaBootstrapServers, topic),
            values => values.Count >= 5,
            values => $"{name}: {topic} has {values.Count} of 5 records");
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $$"""{"id":{{i}}}""")], values);
        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{name}", System.Net.HttpStatusCode.NoContent);
    }
}
