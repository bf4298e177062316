using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProgramTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Dashboard_UnderDashboardPath_IsServed()
    {
        using var response = await _client.GetAsync("/dashboard/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
