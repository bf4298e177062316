using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansConnect.Benchmarks;

/// <summary>The Kafka Connect REST calls the benchmarks make.</summary>
internal static class ConnectClient
{
    public static Task CreateAsync(HttpClient http, string name, IReadOnlyDictionary<string, string> config) =>
        Rest.CreateConnectorAsync(http, new JsonObject { ["name"] = name, ["config"] = new JsonObject(config.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))) });

    public static async Task DeleteAsync(HttpClient http, string name)
    {
        using var response = await http.DeleteAsync(new Uri($"/connectors/{name}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"DELETE /connectors/{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Each task's state and worker; empty while the connector has no tasks yet or the cluster answers 503.</summary>
    public static async Task<List<(string State, string WorkerId)>> TasksAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync(new Uri($"/connectors/{name}/status", UriKind.Relative));
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.NotFound)
        {
            return [];
        }

        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /connectors/{name}/status: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => (t.GetProperty("state").GetString()!, t.GetProperty("worker_id").GetString()!))];
    }

    /// <summary>The first line of the trace of a FAILED task of the connector, or null when none has failed.</summary>
    public static async Task<string?> FailedTaskAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync(new Uri($"/connectors/{name}/status", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("state").GetString() == "FAILED")
            .Select(t => $"task {t.GetProperty("id").GetInt32()} FAILED: {(t.TryGetProperty("trace", out var trace) ? trace.GetString()?.Split('\n')[0] : null)}")
            .FirstOrDefault();
    }

    /// <summary>Polls the status until <paramref name="tasks"/> tasks are RUNNING (on one of <paramref name="workers"/>, when given).</summary>
    public static Task WaitForRunningAsync(HttpClient http, string name, int tasks, TimeSpan timeout, IReadOnlySet<string>? workers = null, TimeSpan? interval = null) =>
        Eventually.HoldsAsync(
            () => TasksAsync(http, name),
            now => now.Count == tasks && now.All(t => t.State == "RUNNING" && (workers is null || workers.Contains(t.WorkerId))),
            now => $"{name}: {now.Count} tasks [{string.Join(", ", now.Select(t => $"{t.State}@{t.WorkerId}"))}], expected {tasks} RUNNING",
            timeout,
            interval ?? TimeSpan.FromMilliseconds(50));
}
