using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

[Collection(OperationsCollection.Name)]
public sealed class ConnectorHealthEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    /// <summary>GET /health/connectors; not through <see cref="Http.SendAsync"/>, which takes a 5xx for a failure, and 503 is an answer here.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        using var response = await _client.GetAsync("/health/connectors", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ConnectorsHealth_FailedTask_Is503NamingIt_ThenPausedIs200()
    {
        var failing = Http.Unique("failing");
        var running = Http.Unique("running");
        await Http.CreateAsync(_client, Http.SourceJson(running, ""","count":"1000000","interval.ms":"50" """));
        await Http.WaitForStateAsync(_client, running, "RUNNING");
        var (healthy, healthyBody) = await HealthAsync();
        Assert.True(healthy == HttpStatusCode.OK, $"{(int)healthy}: {healthyBody}");
        Assert.Equal("healthy", healthyBody.GetProperty("status").GetString());

        await Http.CreateAsync(_client, Http.SourceJson(failing, ""","count":"1","fail.when.done":"true" """));
        await Eventually.HoldsAsync(
            async () => (await Http.SendAsync(_client, "GET", $"/connectors/{failing}/status")).Body,
            status => ConnectStatus.States(status).Contains("FAILED"),
            status => $"{failing}: [{string.Join(", ", ConnectStatus.States(status))}], expected a FAILED task");

        var (status, body) = await HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Contains($"{failing} (task 0 FAILED)", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var named = Assert.Single(body.GetProperty("not_running").EnumerateArray());
        Assert.Equal(failing, named.GetProperty("name").GetString());
        Assert.Equal("FAILED", named.GetProperty("tasks")[0].GetProperty("state").GetString());
        Assert.DoesNotContain(running, body.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Paused is what the user asked for: no longer counted.
        await Http.SendAsync(_client, "PUT", $"/connectors/{failing}/pause");
        var (after, afterBody) = await HealthAsync();
        Assert.True(after == HttpStatusCode.OK, $"{(int)after}: {afterBody}");
    }
}
