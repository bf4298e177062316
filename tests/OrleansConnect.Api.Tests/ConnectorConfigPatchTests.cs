using System.Net;

namespace OrleansConnect.Api.Tests;

/// <summary><c>PATCH /connectors/{name}/config</c> (Kafka's KIP-477).</summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectorConfigPatchTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Patch_SetAndRemoveKeys_Is200WithMergedConfig()
    {
        var name = Http.Unique("patch");
        await Http.CreateAsync(_client, Http.SourceJson(name, ""","x.extra":"gone" """));

        var (status, info) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/config", """{"count":"7","x.extra":null,"x.new":3}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { "name", "config", "tasks", "type" }, info.EnumerateObject().Select(p => p.Name));
        var config = info.GetProperty("config");
        Assert.Equal("7", config.GetProperty("count").GetString());
        Assert.Equal("3", config.GetProperty("x.new").GetString());
        Assert.False(config.TryGetProperty("x.extra", out _), "a null value removes the key");
        Assert.Equal("t-" + name, config.GetProperty("topic").GetString());
        Assert.Equal(name, config.GetProperty("name").GetString());
        var (_, stored) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/config");
        Assert.Equal("7", stored.GetProperty("count").GetString());
    }

    [Fact]
    public async Task Patch_TasksMax_ReconfiguresTheTasks()
    {
        var name = Http.Unique("patchtasks");
        await Http.CreateAsync(_client, Http.SourceJson(name));

        var (_, info) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/config", """{"tasks.max":"2"}""");

        // As Kafka, the answer lists the tasks there were when the config was written.
        Assert.Equal(1, info.GetProperty("tasks").GetArrayLength());
        await Http.WaitForStateAsync(_client, name, "RUNNING", tasks: 2);
    }

    [Fact]
    public async Task Patch_PausedConnector_StaysPaused()
    {
        var name = Http.Unique("patchpaused");
        await Http.CreateAsync(_client, Http.SourceJson(name)[..^1] + ""","initial_state":"PAUSED"}""");

        await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/config", """{"count":"9"}""");

        // Created PAUSED, it has no tasks until it is resumed, as in Kafka.
        await Http.WaitForStateAsync(_client, name, "PAUSED", tasks: 0);
    }

    [Fact]
    public async Task Patch_UnknownConnector_Is404()
    {
        var (status, body) = await Http.SendAsync(_client, "PATCH", "/connectors/patch-missing/config", """{"a":"b"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("patch-missing", Http.ErrorMessage(HttpStatusCode.NotFound, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"count":"many"}""", "count")]
    [InlineData("""{"connector.class":null}""", "connector.class")]
    [InlineData("""{"name":"other"}""", "doesn't match")]
    [InlineData("""{"topic":["a"]}""", "topic")]
    [InlineData("[]", "JSON object")]
    [InlineData("{nope", "not valid JSON")]
    public async Task Patch_BadInput_Is400AndKeepsTheConfig(string patch, string named)
    {
        var name = Http.Unique("patchbad");
        await Http.CreateAsync(_client, Http.SourceJson(name));

        var (status, body) = await Http.SendAsync(_client, "PATCH", $"/connectors/{name}/config", patch);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
        var (_, config) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/config");
        Assert.Equal("5", config.GetProperty("count").GetString());
    }
}
