using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

/// <summary>
/// PASSWORD-type config values: answered as configured, as Kafka does; as <c>[hidden]</c> in connector info, config and
/// task configs when <c>OrleansConnect:MaskPasswords</c> is set.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordValueTests(ApiFactory factory)
{
    private const string Secret = "s3cr3t-value";

    [Fact]
    public async Task Config_ByDefault_ReturnsThePasswordAsConfigured()
    {
        using var client = factory.CreateClient();
        var name = await CreateAsync(client);

        var (status, config) = await Http.SendAsync(client, "GET", $"/connectors/{name}/config");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Secret, config.GetProperty("recording.secret").GetString());
    }

    [Fact]
    public async Task InfoConfigAndTasks_WithMaskPasswords_HidePasswordValuesOnly()
    {
        await using var masked = new ApiFactory(new Dictionary<string, string> { ["OrleansConnect:MaskPasswords"] = "true" });
        using var client = masked.CreateClient();
        var name = await CreateAsync(client);

        var (_, info) = await Http.SendAsync(client, "GET", $"/connectors/{name}");
        var (_, config) = await Http.SendAsync(client, "GET", $"/connectors/{name}/config");
        var (_, tasks) = await Http.SendAsync(client, "GET", $"/connectors/{name}/tasks");

        foreach (var shown in new[] { info.GetProperty("config"), config, tasks[0].GetProperty("config") })
        {
            Assert.Equal("[hidden]", shown.GetProperty("recording.secret").GetString());
            Assert.Equal(name, shown.GetProperty("recording.id").GetString());
        }

        Assert.DoesNotContain(Secret, info.GetRawText() + config.GetRawText() + tasks.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        var name = "secret-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new
        {
            name,
            config = new Dictionary<string, string>
            {
                ["connector.class"] = Http.RecordingSink,
                ["topics"] = name,
                ["recording.id"] = name,
                ["recording.secret"] = Secret,
            },
        });
        var (status, created) = await Http.SendAsync(client, "POST", "/connectors", body);
        Assert.True(status == HttpStatusCode.Created, created.GetRawText());
        return name;
    }
}
