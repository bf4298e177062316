namespace OrleansConnect.Api.Tests;

/// <summary>Kafka's access.control.allow.origin / .methods as <c>OrleansConnect:Rest:AllowOrigin</c> / <c>:AllowMethods</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class RestCorsTests(ApiFactory factory)
{
    [Fact]
    public async Task AddRestCors_NoOrigin_SendsNoCorsHeaders()
    {
        using var client = factory.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Get);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AddRestCors_OriginSet_AllowsItWithKafkasDefaultMethods()
    {
        await using var cors = new ApiFactory(new Dictionary<string, string> { ["OrleansConnect:Rest:AllowOrigin"] = "http://ui.example" });
        using var client = cors.CreateClient();

        using var get = await SendAsync(client, HttpMethod.Get);
        using var preflight = await SendAsync(client, HttpMethod.Options, "DELETE");
        using var allowed = await SendAsync(client, HttpMethod.Options, "POST");

        Assert.Equal("http://ui.example", Assert.Single(get.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.DoesNotContain("DELETE", preflight.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) ? string.Join(',', methods) : string.Empty, StringComparison.Ordinal);
        Assert.Contains("POST", string.Join(',', allowed.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string? preflightMethod = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("/connectors", UriKind.Relative));
        request.Headers.Add("Origin", "http://ui.example");
        if (preflightMethod is not null)
        {
            request.Headers.Add("Access-Control-Request-Method", preflightMethod);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
