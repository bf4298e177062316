using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

/// <summary>Requests as curl sends them, and the checks every response must pass.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Asserts Kafka Connect's error body for <paramref name="status"/> and returns its message.</summary>
    public static string ErrorMessage(HttpStatusCode status, JsonElement body)
    {
        Assert.Equal((int)status, body.GetProperty("error_code").GetInt32());
        return body.GetProperty("message").GetString()!;
    }

    public static string SourceJson(string name, string file, string topic, string? extra = null) =>
        $$$"""{"name":"{{{name}}}","config":{"connector.class":"org.apache.kafka.connect.file.FileStreamSourceConnector","tasks.max":"1","file":"{{{file}}}","topic":"{{{topic}}}"{{{extra}}}}}""";

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
