using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConnectErrorsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("GET", "/no/such/path", HttpStatusCode.NotFound)]
    [InlineData("GET", "/connectors/x/y/z", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/connectors", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/connector-plugins", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/connectors/x/status", HttpStatusCode.MethodNotAllowed)]
    public async Task Request_NoSuchEndpoint_GetsKafkaConnectErrorBody(string method, string path, HttpStatusCode expected)
    {
        var (status, body) = await Http.SendAsync(_client, method, path);

        Assert.Equal(expected, status);
        Assert.Contains(path, Http.ErrorMessage(expected, body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/connectors", "")]
    [InlineData("POST", "/connectors", "{\"name\":")]
    [InlineData("POST", "/connectors", "\"just a string\"")]
    [InlineData("POST", "/connectors", "{\"name\":42,\"config\":{}}")]
    [InlineData("POST", "/connectors", "{\"name\":\"x\",\"config\":{\"a\":\"\\ud800\"}}")]
    [InlineData("POST", "/connectors", "{\"name\":\"x\\udc00\",\"config\":{}}")]
    [InlineData("POST", "/connectors", "{\"name\":\"x\",\"config\":{},\"initial_state\":\"\\ud800\"}")]
    [InlineData("PUT", "/connectors/bad-input/config", "{\"\\ud800\":\"x\"}")]
    [InlineData("PUT", "/connectors/bad-input/config", "")]
    [InlineData("PUT", "/connectors/bad-input/config", "null")]
    [InlineData("PUT", "/connectors/bad-input/config", "{\"tasks.max\":[1]}")]
    [InlineData("PATCH", "/connectors/bad-input/config", "")]
    [InlineData("PATCH", "/connectors/bad-input/config", "[1]")]
    [InlineData("PATCH", "/connectors/bad-input/config", "{\"a\":{}}")]
    [InlineData("GET", "/connector-plugins?connectorsOnly=maybe", null)]
    [InlineData("POST", "/connectors/bad-input/restart?includeTasks=", null)]
    public async Task Request_BadInput_IsAClientErrorNever500(string method, string path, string? body)
    {
        var (status, error) = await Http.SendAsync(_client, method, path, body);

        Assert.InRange((int)status, 400, 499);
        Assert.NotEmpty(Http.ErrorMessage(status, error));
    }
}
