using System.Net;

namespace OrleansConnect.Api.Tests;

/// <summary><c>GET /connectors/{name}/topics</c> and <c>PUT /connectors/{name}/topics/reset</c> (Kafka's KIP-558).</summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectorTopicEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetTopics_SourceAndSink_ListTheTopicsTheyUse()
    {
        var name = Http.Unique("topics");
        await Http.CreateAsync(_client, Http.SourceJson(name + "-src", $$""","topic":"t-{{name}}" """));
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));

        await WaitForTopicsAsync(name + "-src", ["t-" + name]);
        await WaitForTopicsAsync(name, ["t-" + name]);
    }

    [Fact]
    public async Task GetTopics_OffsetFlushTenMinutesAway_ShowsTheTopicsOnceRecordsFlow()
    {
        // Kafka records a topic when a task first uses it, not at the next offset flush.
        await using var slowFlush = new ApiFactory(new Dictionary<string, string> { ["OrleansConnect:OffsetFlushIntervalMs"] = "600000" });
        using var client = slowFlush.CreateClient();
        var name = Http.Unique("firstuse");
        await Http.CreateAsync(client, Http.SourceJson(name + "-src", $$""","topic":"t-{{name}}" """));
        await Http.SendAsync(client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));

        await WaitForTopicsAsync(client, name + "-src", ["t-" + name]);
        await WaitForTopicsAsync(client, name, ["t-" + name]);
    }

    [Fact]
    public async Task GetTopics_NewStoppedConnector_IsEmptyUnderItsName()
    {
        var name = Http.Unique("notopics");
        await Http.CreateAsync(_client, Http.SourceJson(name)[..^1] + ""","initial_state":"STOPPED"}""");

        var (status, body) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/topics");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { name }, body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, body.GetProperty(name).GetProperty("topics").GetArrayLength());
    }

    [Fact]
    public async Task ResetTopics_StoppedConnector_Is202AndEmptiesTheList()
    {
        var name = Http.Unique("resettopics");
        await Http.CreateAsync(_client, Http.SourceJson(name));
        await WaitForTopicsAsync(name, ["t-" + name]);
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/stop");

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/topics/reset");

        Assert.Equal(HttpStatusCode.Accepted, status);
        var (_, body) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/topics");
        Assert.Equal(0, body.GetProperty(name).GetProperty("topics").GetArrayLength());
    }

    [Theory]
    [InlineData("GET", "/connectors/topics-missing/topics")]
    [InlineData("PUT", "/connectors/topics-missing/topics/reset")]
    public async Task Topics_UnknownConnector_Is404(string method, string path)
    {
        var (status, body) = await Http.SendAsync(_client, method, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("topics-missing", Http.ErrorMessage(HttpStatusCode.NotFound, body), StringComparison.Ordinal);
    }

    private Task WaitForTopicsAsync(string name, string[] expected) => WaitForTopicsAsync(_client, name, expected);

    private static Task WaitForTopicsAsync(HttpClient client, string name, string[] expected) =>
        Eventually.HoldsAsync(
            async () => (await Http.SendAsync(client, "GET", $"/connectors/{name}/topics")).Body.GetProperty(name).GetProperty("topics")
                .EnumerateArray().Select(t => t.GetString()!).ToList(),
            topics => topics.SequenceEqual(expected),
            topics => $"{name}: topics [{string.Join(", ", topics)}], expected [{string.Join(", ", expected)}]");
}
