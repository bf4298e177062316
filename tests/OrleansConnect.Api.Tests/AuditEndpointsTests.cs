using System.Net;

namespace OrleansConnect.Api.Tests;

/// <summary>The audit log: every management operation, refused ones too, with who, what, which keys, never values.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ManagementOperations_AreKeptInOrderWithTheirKeysAndOutcome_ButNoValues()
    {
        var name = Http.Unique("audited");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("o");
        Assert.Equal(HttpStatusCode.Created, (await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, ",\"secret.value\":\"s3cret-value-1\""))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.SendAsync(_client, "PUT", $"/connectors/{name}/pause")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", """{"connector.class":"com.example.Missing"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(_client, "PUT", $"/connector-plugins/{Http.SequenceSource}/config/validate", $$"""{"connector.class":"{{Http.SequenceSource}}","name":"{{name}}","topic":"t"}""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(_client, "DELETE", $"/connectors/{name}")).Status);

        var (status, body) = await Http.SendAsync(_client, "GET", $"/admin/audit?connector={name}&since={Uri.EscapeDataString(since)}");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            ["POST /connectors 201", "PUT /connectors/{name}/pause 202", "PUT /connectors/{name}/config 400", "DELETE /connectors/{name} 204"],
            entries.Select(e => $"{e.GetProperty("operation").GetString()} {e.GetProperty("status").GetInt32()}"));
        Assert.All(entries, e => Assert.Equal(name, e.GetProperty("connector").GetString()));
        Assert.Contains("secret.value", entries[0].GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain("s3cret-value-1", body.GetRawText());
        Assert.Contains("com.example.Missing", entries[2].GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(entries[0].GetProperty("who").GetString()));
    }

    [Fact]
    public async Task GetAudit_SinceInTheFuture_IsEmpty_AndAMalformedSinceIs400()
    {
        var (_, future) = await Http.SendAsync(_client, "GET", $"/admin/audit?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("o"))}");
        Assert.Empty(future.GetProperty("entries").EnumerateArray());

        var (status, body) = await Http.SendAsync(_client, "GET", "/admin/audit?since=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("since", Http.ErrorMessage(status, body));
    }
}
