using System.Net;
using System.Text.Json;

namespace OrleansConnect.IntegrationTests;

/// <summary>Bad input over real HTTP gets Kafka Connect's error body with a 4xx naming the problem, never a 500.</summary>
[Collection(SiloCollection.Name)]
public sealed class BadInputTests(SiloProcess silo)
{
    public static TheoryData<string, string> InvalidConnectors => new()
    {
        { """{"name":"bad-class","config":{"connector.class":"com.example.NoSuchConnector","tasks.max":"1"}}""", "connector.class" },
        { """{"name":"bad-sink","config":{"connector.class":"FileStreamSinkConnector","file":"/tmp/x"}}""", "topics" },
        { """{"name":"bad-tasks","config":{"connector.class":"FileStreamSinkConnector","topics":"t","tasks.max":"x"}}""", "tasks.max" },
        { """{"name":"bad-json","config":{"connector.class":""", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidConnectors))]
    public async Task PostConnectors_InvalidConnector_Is400NamingTheKey(string body, string key)
    {
        var (status, response) = await Rest.SendAsync(silo.Http, HttpMethod.Post, "/connectors", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var error = JsonDocument.Parse(response);
        Assert.Equal(400, error.RootElement.GetProperty("error_code").GetInt32());
        Assert.Contains(key, error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/connectors/no-such-connector")]
    [InlineData("GET", "/connectors/no-such-connector/status")]
    [InlineData("PUT", "/connectors/no-such-connector/pause")]
    [InlineData("POST", "/connectors/no-such-connector/tasks/0/restart")]
    [InlineData("DELETE", "/connectors/no-such-connector")]
    public async Task UnknownConnector_Is404(string method, string path)
    {
        var (status, response) = await Rest.SendAsync(silo.Http, new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        using var error = JsonDocument.Parse(response);
        Assert.Equal(404, error.RootElement.GetProperty("error_code").GetInt32());
    }
}
