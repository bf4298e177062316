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
    public async Task HttpSinkConnector_EndpointKeepsFailing_FailsTheTaskWithNothingCommittedAndARestartDeliversEverything()
    {
        var name = "http-sink-down-" + Guid.NewGuid().ToString("N")[..8];
        var topic = name + "-in";
        var endpoint = server.Endpoint().FailWith(500, 1000);
        string[] lines = ["a", "b", "c"];
        await Kcat.ProduceAsync(silo.KafkaBootstrapServers, topic, lines);

        await Rest.CreateConnectorAsync(silo.Http, new JsonObject
        {
            ["name"] = name,
            ["config"] = new JsonObject
            {
                ["connector.class"] = "io.confluent.connect.http.HttpSinkConnector",
                ["topics"] = topic,
                ["http.api.url"] = endpoint.Url + "in",
                ["batch.max.size"] = "10",
                ["max.retries"] = "1",
                ["retry.backoff.ms"] = "50",
                ["behavior.on.error"] = "fail",
                // The restarted task gets the partition only once the failed task's group session has timed out
                // (Kafka's default 45 s): the runtime's finding, not the connector's; 6 s keeps the test short.
                ["consumer.override.session.timeout.ms"] = "6000",
                ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            },
        });
        await Eventually.HoldsAsync(
            async () =>
            {
                using var status = await Rest.GetJsonAsync(silo.Http, $"/connectors/{name}/status");
                return ConnectStatus.States(status.RootElement);
            },
            states => states is [_, "FAILED"],
            states => $"{name}: states {string.Join(",", states)}, expected the task FAILED");

        using (var offsets = await Rest.GetJsonAsync(silo.Http, $"/connectors/{name}/offsets"))
        {
            Assert.DoesNotContain(
                offsets.RootElement.GetProperty("offsets").EnumerateArray(),
                o => o.GetProperty("offset").GetProperty("kafka_offset").GetInt64() > 0);
        }

        Assert.Empty(endpoint.Accepted);
        endpoint.Heal();
        await Rest.ExpectAsync(silo.Http, HttpMethod.Post, $"/connectors/{name}/tasks/0/restart", System.Net.HttpStatusCode.NoContent);

        var bodies = await Eventually.HoldsAsync(
            () => Task.FromResult(endpoint.Accepted.Select(r => r.Body).ToList()),
            bodies => string.Join(",", bodies).Split(',').Length >= lines.Length,
            bodies => $"{name}: the endpoint accepted [{string.Join(" | ", bodies)}] of {endpoint.Requests.Count} requests, expected a,b,c after the restart");
        Assert.Equal("a,b,c", string.Join(",", bodies));
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
