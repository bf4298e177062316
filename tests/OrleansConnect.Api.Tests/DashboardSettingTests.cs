using System.Net;

namespace OrleansConnect.Api.Tests;

/// <summary>The Orleans dashboard is served by default and not at all with <c>OrleansConnect:Dashboard=false</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardSettingTests(ApiFactory factory)
{
    [Fact]
    public async Task Dashboard_ByDefault_IsServed()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/dashboard/index.html", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Off_IsNotServedAndTheApiStillIs()
    {
        await using var bare = new ApiFactory(new Dictionary<string, string> { ["OrleansConnect:Dashboard"] = "false" });
        using var client = bare.CreateClient();

        var (dashboard, _) = await Http.SendAsync(client, "GET", "/dashboard/index.html");
        var (root, _) = await Http.SendAsync(client, "GET", "/");

        Assert.Equal(HttpStatusCode.NotFound, dashboard);
        Assert.Equal(HttpStatusCode.OK, root);
    }
}
