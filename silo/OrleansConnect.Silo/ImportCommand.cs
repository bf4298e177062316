using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansConnect.Grains.Grains;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Silo;

/// <summary>
/// <c>import-kafka-connect connect-distributed.properties [--dry-run] [--start] [--url=http://localhost:8083]</c>:
/// reads the Kafka Connect cluster's worker file (the three internal topic names, bootstrap servers and client
/// security keys; other keys are not needed and are left out) and asks a running OrleansConnect cluster, through
/// <c>POST /admin/import/kafka-connect</c>, to import the connectors and offsets in those topics. Prints the report.
/// </summary>
internal static class ImportCommand
{
    public const string Name = "import-kafka-connect";

    private const string DefaultUrl = "http://localhost:8083";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var dryRun = args.Contains("--dry-run");
        var start = args.Contains("--start") || args.Contains("--start=true");
        var url = args.FirstOrDefault(a => a.StartsWith("--url=", StringComparison.Ordinal))?["--url=".Length..] ?? DefaultUrl;
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--dry-run" or "--start" or "--start=true" or "--start=false") && !a.StartsWith("--url=", StringComparison.Ordinal));
        if (files.Count != 1 || unknown is not null)
        {
            await error.WriteLineAsync($"usage: {Name} connect-distributed.properties [--dry-run] [--start] [--url={DefaultUrl}]" + (unknown is null ? string.Empty : $" (unknown option {unknown})"));
            return 2;
        }

        Dictionary<string, string> worker;
        try
        {
            worker = JavaProperties.Load(files[0])
                .Where(e => KafkaConnectImportGrain.IsImportKey(e.Key))
                .GroupBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Value.Trim(), StringComparer.Ordinal);
        }
        catch (WorkerFileException e)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync($"/admin/import/kafka-connect?dryRun={(dryRun ? "true" : "false")}&start={(start ? "true" : "false")}", worker);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"could not reach OrleansConnect at {url}: {e.Message} (start a silo, or give its REST address with --url=)");
            return 1;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            await error.WriteLineAsync($"{(int)response.StatusCode} from {url}: {Message(body)}");
            return 1;
        }

        await output.WriteAsync(Describe(body));
        return 0;
    }

    /// <summary>The report as lines a person reads; the JSON itself is what the REST endpoint answers.</summary>
    internal static string Describe(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var text = new StringBuilder();
        text.AppendLine(root.GetProperty("dry_run").GetBoolean() ? "Dry run: nothing was changed." : "Imported.");
        foreach (var connector in root.GetProperty("connectors").EnumerateArray())
        {
            text.AppendLine($"connector {connector.GetProperty("name").GetString()}: {connector.GetProperty("connector.class").GetString()}"
                + (connector.GetProperty("available").GetBoolean() ? string.Empty : " (not installed here)")
                + $", {connector.GetProperty("target_state").GetString()}, {connector.GetProperty("source_partitions").GetInt32()} source partition(s) with offsets");
            var unknown = connector.GetProperty("unknown_keys").EnumerateArray().Select(k => k.GetString()).ToList();
            if (unknown.Count > 0)
            {
                text.AppendLine($"  keys not honoured here: {string.Join(", ", unknown)}");
            }

            text.AppendLine($"  {connector.GetProperty("action").GetString()}");
        }

        foreach (var offsets in root.GetProperty("offsets").EnumerateArray())
        {
            text.AppendLine($"offsets of deleted connector {offsets.GetProperty("connector").GetString()}: {offsets.GetProperty("source_partitions").GetInt32()} source partition(s)");
            text.AppendLine($"  {offsets.GetProperty("action").GetString()}");
        }

        foreach (var problem in root.GetProperty("problems").EnumerateArray())
        {
            text.AppendLine($"problem: {problem.GetString()}");
        }

        return text.ToString();
    }

    private static string Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
