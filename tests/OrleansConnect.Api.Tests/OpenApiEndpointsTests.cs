using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OpenApiEndpointsTests(ApiFactory factory)
{
    [Fact]
    public async Task GetDocument_V1_DescribesTheConnectorPaths()
    {
        using var client = factory.CreateClient();

        var (status, document) = await Http.SendAsync(client, "GET", "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/connectors", paths);
        Assert.Contains("/connectors/{name}/offsets", paths);
        Assert.Contains("/admin/loggers/{logger}", paths);
    }
}
