using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansConnect.TestSupport;

/// <summary>Kafka Connect REST calls as a curl script would make them.</summary>
public static class Rest
{
    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body)
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
    }

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task CreateConnectorAsync(HttpClient http, JsonNode connector)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/connectors", UriKind.Relative), connector);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /connectors: {(int)response.StatusCode} {body}");
        }
    }

    public static async Task ExpectAsync(HttpClient http, HttpMethod method, string path, HttpStatusCode expected)
    {
        var (status, body) = await SendAsync(http, method, path);
        if (status != expected)
        {
            throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)status} {body}");
        }
    }

    /// <summary>Waits until the connector and every task report <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(HttpClient http, string connector, string state) =>
        Eventually.HoldsAsync(
            async () =>
            {
                using var status = await GetJsonAsync(http, $"/connectors/{connector}/status");
                return ConnectStatus.States(status.RootElement);
            },
            states => states.Count > 1 && states.All(s => s == state),
            states => $"{connector} states [{string.Join(", ", states)}], expected all {state}");
}
