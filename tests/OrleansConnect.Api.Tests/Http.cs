using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

/// <summary>Requests as curl sends them, the checks every response must pass, and connector bodies for the test plugins.</summary>
internal static class Http
{
    public const string SequenceSource = "OrleansConnect.TestPlugins.SequenceSourceConnector";
    public const string RecordingSink = "OrleansConnect.TestPlugins.RecordingSinkConnector";

    /// <summary>Sends a request and asserts that it was not answered with a 5xx (other than 501, "not implemented yet").</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string method, string path, string? json = null)
    {
        var (status, _, body) = await SendWithHeadersAsync(client, method, path, json);
        return (status, body);
    }

    public static async Task<(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement Body)> SendWithHeadersAsync(
        HttpClient client, string method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(
            (int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented,
            $"{method} {path} answered {(int)response.StatusCode}: {text}");
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, response.Headers, body);
    }

    /// <summary>Asserts Kafka Connect's error body for <paramref name="status"/> and returns its message.</summary>
    public static string ErrorMessage(HttpStatusCode status, JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal((int)status, body.GetProperty("error_code").GetInt32());
        return body.GetProperty("message").GetString()!;
    }

    /// <summary>A <c>POST /connectors</c> body for the sequence source; it keeps running after its records are written.</summary>
    public static string SourceJson(string name, string? extra = null) =>
        $$$"""{"name":"{{{name}}}","config":{"connector.class":"{{{SequenceSource}}}","tasks.max":"1","topic":"t-{{{name}}}","count":"5"{{{extra}}}}}""";

    /// <summary>A connector config (the <c>PUT /connectors/{name}/config</c> body) for the recording sink.</summary>
    public static string SinkConfigJson(string name, int tasks = 1) =>
        $$$"""{"connector.class":"{{{RecordingSink}}}","tasks.max":"{{{tasks}}}","topics":"t-{{{name}}}","recording.id":"{{{name}}}"}""";

    /// <summary>Creates a connector with <c>POST /connectors</c> and asserts the 201.</summary>
    public static async Task CreateAsync(HttpClient client, string json)
    {
        var (status, body) = await SendAsync(client, "POST", "/connectors", json);
        Assert.True(status == HttpStatusCode.Created, $"Creating a connector answered {(int)status}: {body}");
    }

    /// <summary>Waits until the connector and each of its <paramref name="tasks"/> tasks report <paramref name="state"/>.</summary>
    public static Task<JsonElement> WaitForStateAsync(HttpClient client, string name, string state, int tasks = 1) =>
        Eventually.HoldsAsync(
            async () => (await SendAsync(client, "GET", $"/connectors/{name}/status")).Body,
            status => ConnectStatus.States(status).All(s => s == state) && status.GetProperty("tasks").GetArrayLength() == tasks,
            status => $"{name}: [{string.Join(", ", ConnectStatus.States(status))}] ({status.GetProperty("tasks").GetArrayLength()} tasks), expected {state} with {tasks} tasks");

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
