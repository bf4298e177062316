using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConnectorEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"oc-api-{Guid.NewGuid():N}.txt");

    public void Dispose()
    {
        _client.Dispose();
        File.Delete(_file);
    }

    [Fact]
    public async Task Create_ThenReadAndDelete_UsesKafkaConnectShapes()
    {
        var name = Http.Unique("life");

        var (created, info) = await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(name, info.GetProperty("name").GetString());
        Assert.Equal("source", info.GetProperty("type").GetString());
        Assert.Equal(name, info.GetProperty("config").GetProperty("name").GetString());
        var task = Assert.Single(info.GetProperty("tasks").EnumerateArray());
        Assert.Equal(name, task.GetProperty("connector").GetString());
        Assert.Equal(0, task.GetProperty("task").GetInt32());

        var (_, list) = await Http.SendAsync(_client, "GET", "/connectors");
        Assert.Contains(name, list.EnumerateArray().Select(e => e.GetString()));
        var (_, config) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/config");
        Assert.Equal(_file, config.GetProperty("file").GetString());
        var (_, tasks) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks");
        var taskInfo = Assert.Single(tasks.EnumerateArray());
        Assert.Equal(0, taskInfo.GetProperty("id").GetProperty("task").GetInt32());
        Assert.Equal(_file, taskInfo.GetProperty("config").GetProperty("file").GetString());
        await WaitForStateAsync(name, "RUNNING");
        var (_, taskStatus) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks/0/status");
        Assert.Equal("RUNNING", taskStatus.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(taskStatus.GetProperty("worker_id").GetString()));

        var (deleted, _) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (gone, error) = await Http.SendAsync(_client, "GET", $"/connectors/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Contains(name, Http.ErrorMessage(HttpStatusCode.NotFound, error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExistingName_Is409()
    {
        var name = Http.Unique("dup");
        await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));

        var (status, body) = await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already exists", Http.ErrorMessage(HttpStatusCode.Conflict, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutConfig_NewThenExisting_Is201Then200()
    {
        var name = Http.Unique("put");
        var config = $$"""{"connector.class":"FileStreamSinkConnector","topics":"t-{{name}}","file":"{{_file}}"}""";

        var (first, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config);
        var (second, info) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config.Replace("}", ",\"tasks.max\":\"2\"}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(2, info.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task PauseResumeStop_ChangeTheReportedState()
    {
        var name = Http.Unique("states");
        await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));
        await WaitForStateAsync(name, "RUNNING");

        Assert.Equal(HttpStatusCode.Accepted, (await Http.SendAsync(_client, "PUT", $"/connectors/{name}/pause")).Status);
        await WaitForStateAsync(name, "PAUSED");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume")).Status);
        await WaitForStateAsync(name, "RUNNING");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(_client, "PUT", $"/connectors/{name}/stop")).Status);

        var (_, status) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/status");
        Assert.Equal("STOPPED", status.GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Create_InitialStatePaused_StartsPaused()
    {
        var name = Http.Unique("initial");
        var json = Http.SourceJson(name, _file, "t-" + name)[..^1] + ""","initial_state":"PAUSED"}""";

        var (created, _) = await Http.SendAsync(_client, "POST", "/connectors", json);

        Assert.Equal(HttpStatusCode.Created, created);
        await WaitForStateAsync(name, "PAUSED");
    }

    [Fact]
    public async Task Restart_PlainAndWithTasks_Are204And202()
    {
        var name = Http.Unique("restart");
        await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));
        await WaitForStateAsync(name, "RUNNING");

        var (plain, _) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/restart");
        var (withTasks, plan) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/restart?includeTasks=true");
        var (task, _) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/tasks/0/restart");

        Assert.Equal(HttpStatusCode.NoContent, plain);
        Assert.Equal(HttpStatusCode.Accepted, withTasks);
        Assert.Equal("RESTARTING", plan.GetProperty("tasks")[0].GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NoContent, task);
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task List_ExpandStatusAndInfo_ReturnsBothPerConnector()
    {
        var name = Http.Unique("expand");
        await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));

        var (_, body) = await Http.SendAsync(_client, "GET", "/connectors?expand=status&expand=info");

        var entry = body.GetProperty(name);
        Assert.Equal(name, entry.GetProperty("info").GetProperty("name").GetString());
        Assert.Equal(name, entry.GetProperty("status").GetProperty("name").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{not json", "not valid JSON" },
        { "[]", "JSON object" },
        { """{"config":{"connector.class":"FileStreamSourceConnector"}}""", "name" },
        { """{"name":"x"}""", "config" },
        { """{"name":"x","config":{"connector.class":"FileStreamSourceConnector","topic":{"a":1}}}""", "topic" },
        { """{"name":"x","config":{"connector.class":"FileStreamSourceConnector"},"initial_state":"SLEEPING"}""", "initial_state" },
        { """{"name":"x","config":{"connector.class":"com.example.Missing"}}""", "connector.class" },
        { """{"name":"x","config":{"connector.class":"FileStreamSinkConnector","file":"/tmp/x"}}""", "topics.regex" },
        { """{"name":"x","config":{"connector.class":"FileStreamSinkConnector","topics":"a","tasks.max":"x"}}""", "tasks.max" },
        { """{"name":"x","config":{"connector.class":"FileStreamSinkConnector","topics":"a","topics.regex":"b.*"}}""", "topics" },
        { """{"name":"x","config":{"connector.class":"FileStreamSourceConnector","topic":"a,b","file":"/tmp/x"}}""", "topic" },
        { """{"name":"x","config":{"connector.class":"FileStreamSourceConnector","topic":"a","file":"/tmp/x","value.converter":"NoSuchConverter"}}""", "value.converter" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_Is400NamingTheProblem(string body, string named)
    {
        var (status, error) = await Http.SendAsync(_client, "POST", "/connectors", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownClass_ListsTheAvailableConnectors()
    {
        var (_, error) = await Http.SendAsync(_client, "POST", "/connectors", """{"name":"x","config":{"connector.class":"Nope"}}""");

        Assert.Contains("FileStreamSourceConnector", Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/connectors/missing")]
    [InlineData("GET", "/connectors/missing/config")]
    [InlineData("PUT", "/connectors/missing/pause")]
    [InlineData("PUT", "/connectors/missing/resume")]
    [InlineData("PUT", "/connectors/missing/stop")]
    [InlineData("POST", "/connectors/missing/restart")]
    [InlineData("GET", "/connectors/missing/status")]
    [InlineData("GET", "/connectors/missing/tasks")]
    [InlineData("GET", "/connectors/missing/tasks/0/status")]
    [InlineData("POST", "/connectors/missing/tasks/0/restart")]
    [InlineData("DELETE", "/connectors/missing")]
    public async Task PerConnectorPath_UnknownConnector_Is404(string method, string path)
    {
        var (status, error) = await Http.SendAsync(_client, method, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("missing", Http.ErrorMessage(HttpStatusCode.NotFound, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("x")]
    public async Task TaskStatus_NoSuchTask_Is404(string task)
    {
        var name = Http.Unique("task");
        await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, _file, "t-" + name));

        var (status, body) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks/{task}/status");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Http.ErrorMessage(HttpStatusCode.NotFound, body);
    }

    private Task WaitForStateAsync(string name, string state) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var (_, status) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/status");
                return status.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("state").GetString())
                    .Prepend(status.GetProperty("connector").GetProperty("state").GetString())
                    .ToList();
            },
            states => states.Count > 1 && states.All(s => s == state),
            states => $"{name}: [{string.Join(", ", states)}], expected all {state}");
}
