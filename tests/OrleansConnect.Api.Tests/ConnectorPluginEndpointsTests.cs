using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConnectorPluginEndpointsTests(ApiFactory factory)
{
    [Fact]
    public async Task GetPlugins_Default_ListsConnectorsByTheirKafkaNames()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins");

        var plugins = body.EnumerateArray().ToDictionary(p => p.GetProperty("class").GetString()!, p => p.GetProperty("type").GetString());
        Assert.Equal("source", plugins["org.apache.kafka.connect.file.FileStreamSourceConnector"]);
        Assert.Equal("sink", plugins["org.apache.kafka.connect.file.FileStreamSinkConnector"]);
        Assert.All(plugins.Values, type => Assert.Contains(type, new[] { "source", "sink" }));
    }

    [Fact]
    public async Task GetPlugins_PluginPath_ListsTheInstalledTestPlugins()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins");

        var plugins = body.EnumerateArray().ToDictionary(p => p.GetProperty("class").GetString()!, p => p.GetProperty("type").GetString());
        Assert.Equal("source", plugins[Http.SequenceSource]);
        Assert.Equal("sink", plugins[Http.RecordingSink]);
    }

    [Fact]
    public async Task GetPlugins_ConnectorsOnlyFalse_ListsConvertersToo()
    {
        using var client = factory.CreateClient();

        var (_, body) = await Http.SendAsync(client, "GET", "/connector-plugins?connectorsOnly=false");

        Assert.Contains(body.EnumerateArray(), p =>
            p.GetProperty("class").GetString() == "org.apache.kafka.connect.json.JsonConverter" && p.GetProperty("type").GetString() == "converter");
    }

    [Fact]
    public async Task GetPlugins_ConnectorsOnlyNotABoolean_Is400()
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, "GET", "/connector-plugins?connectorsOnly=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("connectorsOnly", Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }
}
