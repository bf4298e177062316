using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConnectErrorsTests(ApiFactory factory)
{
    [Theory]
    [InlineData("GET", "/no/such/path", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/connectors", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate", HttpStatusCode.NotImplemented)]
    [InlineData("GET", "/connectors/any/offsets", HttpStatusCode.NotImplemented)]
    public async Task Request_NotServed_GetsKafkaConnectErrorBody(string method, string path, HttpStatusCode expected)
    {
        using var client = factory.CreateClient();

        var (status, body) = await Http.SendAsync(client, method, path);

        Assert.Equal(expected, status);
        Assert.NotEmpty(Http.ErrorMessage(expected, body));
    }
}
