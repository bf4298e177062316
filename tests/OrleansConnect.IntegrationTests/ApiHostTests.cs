using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// One scripted session over every endpoint family, with its error cases, run against the API co-hosted in the silo
/// and against the separate API host (api/OrleansConnect.Api.Host, an Orleans client of that silo): both answer with
/// Kafka Connect's status codes and the same JSON.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class ApiHostTests(SiloFixture silo)
{
    [Fact]
    public async Task ScriptedSession_CoHostedApiAndSeparateApiHost_GiveKafkasStatusCodesAndTheSameBodies()
    {
        await using var api = SiloProcess.ApiHost($"--Orleans:GatewayPort={silo.GatewayPort}");
        await api.InitializeAsync();

        var cohosted = await RunSessionAsync(silo.Http, "cohosted");
        var separate = await RunSessionAsync(api.Http, "separate");

        Assert.Equal(Expected.Select(e => (e.Step, e.Status)), cohosted.Select(r => (r.Step, r.Status)));
        // The logger list differs by what the first session set: compared by status only.
        Assert.Equal(Comparable(cohosted), Comparable(separate));

        static IEnumerable<(string, HttpStatusCode, string)> Comparable(List<(string Step, HttpStatusCode Status, string Shape)> session) =>
            session.Select(r => (r.Step, r.Status, r.Step == "loggers" ? string.Empty : r.Shape));
    }

    private static readonly (string Step, HttpStatusCode Status)[] Expected =
    [
        ("root", HttpStatusCode.OK),
        ("plugins", HttpStatusCode.OK),
        ("all plugins", HttpStatusCode.OK),
        ("plugin config", HttpStatusCode.OK),
        ("unknown plugin config", HttpStatusCode.NotFound),
        ("validate", HttpStatusCode.OK),
        ("create", HttpStatusCode.Created),
        ("create again", HttpStatusCode.Conflict),
        ("create malformed", HttpStatusCode.BadRequest),
        ("create invalid", HttpStatusCode.BadRequest),
        ("list expanded", HttpStatusCode.OK),
        ("info", HttpStatusCode.OK),
        ("status", HttpStatusCode.OK),
        ("tasks", HttpStatusCode.OK),
        ("unknown connector", HttpStatusCode.NotFound),
        ("unknown task", HttpStatusCode.NotFound),
        ("patch config", HttpStatusCode.OK),
        ("pause", HttpStatusCode.Accepted),
        ("resume", HttpStatusCode.Accepted),
        ("restart with tasks", HttpStatusCode.Accepted),
        ("alter offsets while running", HttpStatusCode.BadRequest),
        ("topics", HttpStatusCode.OK),
        ("stop", HttpStatusCode.NoContent),
        ("loggers", HttpStatusCode.OK),
        ("set logger", HttpStatusCode.OK),
        ("delete", HttpStatusCode.NoContent),
        ("deleted", HttpStatusCode.NotFound),
        ("openapi", HttpStatusCode.OK),
    ];

    /// <summary>Runs the session with connector names of its own; returns each step's status and the shape of its body.</summary>
    private static async Task<List<(string Step, HttpStatusCode Status, string Shape)>> RunSessionAsync(HttpClient http, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var file = Path.Combine(Path.GetTempPath(), $"oc-apihost-{name}.txt");
        var sink = Examples.FileSink(name, file, name);
        var config = sink["config"]!.ToJsonString();
        var results = new List<(string, HttpStatusCode, string)>();
        async Task Step(string step, HttpMethod method, string path, string? body = null)
        {
            var (status, text) = await Rest.SendAsync(http, method, path, body);
            Assert.True((int)status < 500, $"{step}: {method} {path} answered {(int)status} {text}");
            results.Add((step, status, Shape(text, name)));
        }

        await Step("root", HttpMethod.Get, "/");
        await Step("plugins", HttpMethod.Get, "/connector-plugins");
        await Step("all plugins", HttpMethod.Get, "/connector-plugins?connectorsOnly=false");
        await Step("plugin config", HttpMethod.Get, "/connector-plugins/FileStreamSinkConnector/config");
        await Step("unknown plugin config", HttpMethod.Get, "/connector-plugins/NoSuchConnector/config");
        await Step("validate", HttpMethod.Put, "/connector-plugins/FileStreamSinkConnector/config/validate", config);
        await Step("create", HttpMethod.Post, "/connectors", sink.ToJsonString());
        await Step("create again", HttpMethod.Post, "/connectors", sink.ToJsonString());
        await Step("create malformed", HttpMethod.Post, "/connectors", "{\"name\": ");
        await Step("create invalid", HttpMethod.Post, "/connectors", new JsonObject { ["name"] = name + "-x", ["config"] = new JsonObject { ["connector.class"] = "FileStreamSinkConnector", ["tasks.max"] = "zero" } }.ToJsonString());
        await Step("list expanded", HttpMethod.Get, "/connectors?expand=status&expand=info");
        await Step("info", HttpMethod.Get, $"/connectors/{name}");
        await Step("status", HttpMethod.Get, $"/connectors/{name}/status");
        await Step("tasks", HttpMethod.Get, $"/connectors/{name}/tasks");
        await Step("unknown connector", HttpMethod.Get, $"/connectors/{name}-missing/status");
        await Step("unknown task", HttpMethod.Get, $"/connectors/{name}/tasks/7/status");
        await Step("patch config", HttpMethod.Patch, $"/connectors/{name}/config", "{\"tasks.max\": \"1\"}");
        await Step("pause", HttpMethod.Put, $"/connectors/{name}/pause");
        await Step("resume", HttpMethod.Put, $"/connectors/{name}/resume");
        await Step("restart with tasks", HttpMethod.Post, $"/connectors/{name}/restart?includeTasks=true");
        await Step("alter offsets while running", HttpMethod.Patch, $"/connectors/{name}/offsets", "{\"offsets\": []}");
        await Step("topics", HttpMethod.Get, $"/connectors/{name}/topics");
        await Step("stop", HttpMethod.Put, $"/connectors/{name}/stop");
        await Step("loggers", HttpMethod.Get, "/admin/loggers");
        await Step("set logger", HttpMethod.Put, "/admin/loggers/OrleansConnect.Grains", "{\"level\": \"INFO\"}");
        await Step("delete", HttpMethod.Delete, $"/connectors/{name}");
        await Step("deleted", HttpMethod.Get, $"/connectors/{name}");
        await Step("openapi", HttpMethod.Get, "/openapi/v1.json");
        File.Delete(file);
        return results;
    }

    /// <summary>
    /// The shape of a body: its keys (sorted; those holding this session's names left out) and the kinds of its values,
    /// so two sessions compare by structure (Kafka's JSON shapes), not by their own names, values or timings.
    /// </summary>
    private static string Shape(string text, string name)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            return Shape(json.RootElement, name);
        }
        catch (JsonException)
        {
            return "not json";
        }
    }

    private static string Shape(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject()
            .Where(p => !p.Name.Contains(name, StringComparison.Ordinal))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => p.Name + ":" + Shape(p.Value, name))) + "}",
        JsonValueKind.Array => "[" + (element.GetArrayLength() > 0 ? Shape(element[0], name) : string.Empty) + "]",
        _ => element.ValueKind.ToString(),
    };
}
