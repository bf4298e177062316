using System.Net;
using System.Text.Json;

namespace OrleansConnect.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConnectorEndpointsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Create_ValidSource_Is201WithAnAbsoluteLocationAndNoTasksYet()
    {
        var name = Http.Unique("create");

        var (status, headers, info) = await Http.SendWithHeadersAsync(_client, "POST", "/connectors", Http.SourceJson(name));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal($"http://localhost/connectors/{name}", headers.Location?.OriginalString);
        Assert.Equal(new[] { "name", "config", "tasks", "type" }, info.EnumerateObject().Select(p => p.Name));
        Assert.Equal(name, info.GetProperty("name").GetString());
        Assert.Equal("source", info.GetProperty("type").GetString());
        Assert.Equal(name, info.GetProperty("config").GetProperty("name").GetString());
        Assert.Equal(0, info.GetProperty("tasks").GetArrayLength());
        var (_, later) = await Http.SendAsync(_client, "GET", $"/connectors/{name}");
        var task = Assert.Single(later.GetProperty("tasks").EnumerateArray());
        Assert.Equal(name, task.GetProperty("connector").GetString());
        Assert.Equal(0, task.GetProperty("task").GetInt32());
    }

    [Fact]
    public async Task Create_ThenListGetConfigTasksStatusDelete_RoundTrips()
    {
        var name = Http.Unique("life");
        await CreateAsync(name);

        var (_, list) = await Http.SendAsync(_client, "GET", "/connectors");
        Assert.Contains(name, list.EnumerateArray().Select(e => e.GetString()));
        var (_, info) = await Http.SendAsync(_client, "GET", $"/connectors/{name}");
        Assert.Equal("t-" + name, info.GetProperty("config").GetProperty("topic").GetString());
        var (_, config) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/config");
        Assert.Equal("5", config.GetProperty("count").GetString());
        var (_, tasks) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks");
        var taskInfo = Assert.Single(tasks.EnumerateArray());
        Assert.Equal(name, taskInfo.GetProperty("id").GetProperty("connector").GetString());
        Assert.Equal(0, taskInfo.GetProperty("id").GetProperty("task").GetInt32());
        Assert.Equal("t-" + name, taskInfo.GetProperty("config").GetProperty("topic").GetString());
        var status = await WaitForStateAsync(name, "RUNNING");
        Assert.Equal(new[] { "name", "connector", "tasks", "type" }, status.EnumerateObject().Select(p => p.Name));
        Assert.Equal("source", status.GetProperty("type").GetString());
        var (_, taskStatus) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks/0/status");
        Assert.Equal(0, taskStatus.GetProperty("id").GetInt32());
        Assert.Equal("RUNNING", taskStatus.GetProperty("state").GetString());
        Assert.False(taskStatus.TryGetProperty("trace", out _), "trace is left out unless the task failed");

        var (deleted, _) = await Http.SendAsync(_client, "DELETE", $"/connectors/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (gone, error) = await Http.SendAsync(_client, "GET", $"/connectors/{name}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Contains(name, Http.ErrorMessage(HttpStatusCode.NotFound, error), StringComparison.Ordinal);
        var (_, after) = await Http.SendAsync(_client, "GET", "/connectors");
        Assert.DoesNotContain(name, after.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Status_RunningConnector_WorkerIdIsThisSilo()
    {
        var name = Http.Unique("worker");
        await CreateAsync(name);

        var status = await WaitForStateAsync(name, "RUNNING");

        Assert.EndsWith($":{factory.SiloPort}", status.GetProperty("connector").GetProperty("worker_id").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($":{factory.SiloPort}", status.GetProperty("tasks")[0].GetProperty("worker_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ExistingName_Is409()
    {
        var name = Http.Unique("dup");
        await CreateAsync(name);

        var (status, body) = await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already exists", Http.ErrorMessage(HttpStatusCode.Conflict, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutConfig_NewThenExisting_Is201Then200()
    {
        var name = Http.Unique("put");

        var (first, headers, created) = await Http.SendWithHeadersAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));
        var (second, updated) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name, tasks: 2));

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal($"http://localhost/connectors/{name}", headers.Location?.OriginalString);
        Assert.Equal("sink", created.GetProperty("type").GetString());
        Assert.Equal(0, created.GetProperty("tasks").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, second);

        // Kafka answers an update with the tasks there were when the config was written.
        Assert.Equal(1, updated.GetProperty("tasks").GetArrayLength());
        Assert.Equal("2", updated.GetProperty("config").GetProperty("tasks.max").GetString());
    }

    [Fact]
    public async Task PutConfig_NameDiffersFromUrl_Is400()
    {
        var name = Http.Unique("mismatch");
        var config = Http.SinkConfigJson(name)[..^1] + ""","name":"other"}""";

        var (status, body) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("doesn't match", Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ConfigNameDiffersFromName_Is400()
    {
        var name = Http.Unique("mismatch");

        var (status, body) = await Http.SendAsync(_client, "POST", "/connectors", Http.SourceJson(name, ""","name":"other" """));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("(other)", Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NumberAndBooleanValues_AreKeptAsTheirJsonText()
    {
        var name = Http.Unique("typed");
        var json = $$$"""{"name":"{{{name}}}","config":{"connector.class":"{{{Http.SequenceSource}}}","tasks.max":2,"topic":"t","count":5,"x.flag":true}}""";

        var (status, info) = await Http.SendAsync(_client, "POST", "/connectors", json);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("2", info.GetProperty("config").GetProperty("tasks.max").GetString());
        Assert.Equal("true", info.GetProperty("config").GetProperty("x.flag").GetString());
        Assert.Equal(2, (await Http.SendAsync(_client, "GET", $"/connectors/{name}")).Body.GetProperty("tasks").GetArrayLength());
    }

    [Theory]
    [InlineData("PAUSED")]
    [InlineData("STOPPED")]
    public async Task Create_PausedOrStopped_ListsNoTasksUntilResumed(string initialState)
    {
        var name = Http.Unique("notasks");
        await CreateAsync(name, initialState);

        var (_, tasks) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks");
        var (_, info) = await Http.SendAsync(_client, "GET", $"/connectors/{name}");
        var status = await WaitForStateAsync(name, initialState, tasks: 0);

        Assert.Equal(0, tasks.GetArrayLength());
        Assert.Equal(0, info.GetProperty("tasks").GetArrayLength());
        Assert.Equal(initialState, status.GetProperty("connector").GetProperty("state").GetString());
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume");
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task GetTasks_FileSource_ShowsKafkasTaskConfigWithTaskClass()
    {
        var name = Http.Unique("filetasks");
        var config = $$"""{"connector.class":"FileStreamSource","file":"/tmp/{{name}}.txt","topic":"t-{{name}}","name":"{{name}}"}""";
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config);

        var (status, tasks) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks");

        Assert.Equal(HttpStatusCode.OK, status);
        var task = Assert.Single(tasks.EnumerateArray());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["connector.class"] = "FileStreamSource", ["file"] = $"/tmp/{name}.txt", ["topic"] = $"t-{name}", ["name"] = name,
                ["task.class"] = "OrleansConnect.Plugins.File.FileStreamSourceTask",
            }.OrderBy(p => p.Key),
            task.GetProperty("config").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task GetTasks_Sink_HasTaskClassAndTheConnectorsTopics()
    {
        var name = Http.Unique("sinktasks");
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name));

        var (_, tasks) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks");

        var config = Assert.Single(tasks.EnumerateArray()).GetProperty("config");
        Assert.Equal("OrleansConnect.TestPlugins.RecordingSinkTask", config.GetProperty("task.class").GetString());
        Assert.Equal($"t-{name}", config.GetProperty("topics").GetString());
    }

    [Theory]
    [InlineData("POST", "/connectors", "text/plain")]
    [InlineData("POST", "/connectors", "application/x-www-form-urlencoded")]
    [InlineData("PUT", "/connectors/ct-put/config", "text/plain")]
    [InlineData("PUT", "/connector-plugins/FileStreamSink/config/validate", "application/xml")]
    public async Task Write_ContentTypeNotJson_Is415(string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(Http.SinkConfigJson("ct"), System.Text.Encoding.UTF8, contentType) };

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("HTTP 415 Unsupported Media Type", Http.ErrorMessage(HttpStatusCode.UnsupportedMediaType, body));
    }

    [Fact]
    public async Task Create_NoContentType_IsReadAsJson()
    {
        var name = Http.Unique("noct");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connectors") { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Http.SourceJson(name))) };

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Write_NullConfigValue_Is400NamingTheKey(string method)
    {
        var name = Http.Unique("nullval");
        var config = Http.SinkConfigJson(name)[..^1] + ""","file":null}""";

        var (status, body) = method == "POST"
            ? await Http.SendAsync(_client, "POST", "/connectors", $$"""{"name":"{{name}}","config":{{config}}}""")
            : await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", config);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            "Connector configuration is invalid and contains the following 1 error(s):\nfile: Null value can not be supplied as the configuration value.\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
            Http.ErrorMessage(HttpStatusCode.BadRequest, body));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.SendAsync(_client, "GET", $"/connectors/{name}")).Status);
    }

    [Fact]
    public async Task RestartTask_StoppedConnector_Is404UnknownTaskAsKafka()
    {
        var name = Http.Unique("rststop");
        await CreateAsync(name, "STOPPED");

        var (status, body) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/tasks/0/restart");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Unknown task: {name}-0", Http.ErrorMessage(HttpStatusCode.NotFound, body));
    }

    [Fact]
    public async Task Pause_RunningConnector_Is202AndReportsPaused()
    {
        var name = Http.Unique("pause");
        await CreateAsync(name);
        await WaitForStateAsync(name, "RUNNING");

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/pause");

        Assert.Equal(HttpStatusCode.Accepted, status);
        await WaitForStateAsync(name, "PAUSED");
    }

    [Fact]
    public async Task Resume_PausedConnector_Is202AndReportsRunning()
    {
        var name = Http.Unique("resume");
        await CreateAsync(name, initialState: "PAUSED");
        await WaitForStateAsync(name, "PAUSED", tasks: 0);

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume");

        Assert.Equal(HttpStatusCode.Accepted, status);
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task Stop_RunningConnector_Is204AndReportsStoppedWithNoTasks()
    {
        var name = Http.Unique("stop");
        await CreateAsync(name);
        await WaitForStateAsync(name, "RUNNING");

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/stop");

        Assert.Equal(HttpStatusCode.NoContent, status);
        var stopped = await WaitForStateAsync(name, "STOPPED", tasks: 0);
        Assert.Equal(0, stopped.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Resume_StoppedConnector_StartsItsTasksAgain()
    {
        var name = Http.Unique("restop");
        await CreateAsync(name, initialState: "STOPPED");
        await WaitForStateAsync(name, "STOPPED", tasks: 0);

        var (status, _) = await Http.SendAsync(_client, "PUT", $"/connectors/{name}/resume");

        Assert.Equal(HttpStatusCode.Accepted, status);
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task Restart_WithoutThenWithIncludeTasks_Is204Then202WithPlan()
    {
        var name = Http.Unique("restart");
        await CreateAsync(name);
        await WaitForStateAsync(name, "RUNNING");

        var (plain, _) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/restart");
        var (withTasks, plan) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/restart?includeTasks=true&onlyFailed=false");

        Assert.Equal(HttpStatusCode.NoContent, plain);
        Assert.Equal(HttpStatusCode.Accepted, withTasks);
        Assert.Equal(name, plan.GetProperty("name").GetString());
        Assert.Equal("RESTARTING", plan.GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal("RESTARTING", plan.GetProperty("tasks")[0].GetProperty("state").GetString());
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task Restart_OnlyFailedWithNothingFailed_Is202AndRestartsNothing()
    {
        var name = Http.Unique("onlyfailed");
        await CreateAsync(name);
        await WaitForStateAsync(name, "RUNNING");

        var (status, plan) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/restart?includeTasks=true&onlyFailed=true");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("RUNNING", plan.GetProperty("connector").GetProperty("state").GetString());
        Assert.Equal("RUNNING", plan.GetProperty("tasks")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task RestartTask_ExistingTask_Is204()
    {
        var name = Http.Unique("taskrestart");
        await CreateAsync(name);
        await WaitForStateAsync(name, "RUNNING");

        var (status, _) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/tasks/0/restart");

        Assert.Equal(HttpStatusCode.NoContent, status);
        await WaitForStateAsync(name, "RUNNING");
    }

    [Fact]
    public async Task List_ExpandStatusAndInfo_ReturnsBothPerConnector()
    {
        var name = Http.Unique("expand");
        await CreateAsync(name);

        var (_, body) = await Http.SendAsync(_client, "GET", "/connectors?expand=status&expand=info");

        var entry = body.GetProperty(name);
        Assert.Equal(name, entry.GetProperty("info").GetProperty("name").GetString());
        Assert.Equal(name, entry.GetProperty("status").GetProperty("name").GetString());
    }

    [Fact]
    public async Task List_ExpandStatusOnly_LeavesInfoOut()
    {
        var name = Http.Unique("expand");
        await CreateAsync(name);

        var (_, body) = await Http.SendAsync(_client, "GET", "/connectors?expand=status");

        var entry = body.GetProperty(name);
        Assert.Equal(new[] { "status" }, entry.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TasksConfig_ExistingConnector_MapsTaskIdToConfig()
    {
        var name = Http.Unique("taskscfg");
        await Http.SendAsync(_client, "PUT", $"/connectors/{name}/config", Http.SinkConfigJson(name, tasks: 2));

        var (status, body) = await Http.SendAsync(_client, "GET", $"/connectors/{name}/tasks-config");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { $"{name}-0", $"{name}-1" }, body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(name, body.GetProperty($"{name}-1").GetProperty("recording.id").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{not json", "not valid JSON" },
        { "", "not valid JSON" },
        { "[]", "JSON object" },
        { "null", "JSON object" },
        { $$$"""{"config":{"connector.class":"{{{Http.SequenceSource}}}","topic":"t"}}""", "name" },
        { """{"name":"  ","config":{}}""", "name" },
        { """{"name":"a\u0001b","config":{}}""", "control characters" },
        { """{"name":"x"}""", "config" },
        { """{"name":"x","config":"connector.class=x"}""", "config" },
        { $$$$"""{"name":"x","config":{"connector.class":"{{{{Http.SequenceSource}}}}","topic":{"a":1}}}""", "topic" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.SequenceSource}}}","topic":["a"]}}""", "topic" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.SequenceSource}}}","topic":"t"},"initial_state":"SLEEPING"}""", "initial_state" },
        { """{"name":"x","config":{}}""", "connector.class" },
        { """{"name":"x","config":{"connector.class":"com.example.Missing"}}""", "connector.class" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.RecordingSink}}}","recording.id":"r"}}""", "topics.regex" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.RecordingSink}}}","recording.id":"r","topics":"a","topics.regex":"b.*"}}""", "topics.regex" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.RecordingSink}}}","recording.id":"r","topics":"a","tasks.max":"x"}}""", "tasks.max" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.RecordingSink}}}","recording.id":"r","topics":"a","tasks.max":"0"}}""", "tasks.max" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.RecordingSink}}}","topics":"a"}}""", "recording.id" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.SequenceSource}}}","topic":"t","count":"many"}}""", "count" },
        { $$$"""{"name":"x","config":{"connector.class":"{{{Http.SequenceSource}}}","topic":"t","value.converter":"NoSuchConverter"}}""", "value.converter" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_Is400NamingTheProblem(string body, string named)
    {
        var (status, error) = await Http.SendAsync(_client, "POST", "/connectors", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{bad", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"connector.class":"com.example.Missing"}""", "connector.class")]
    public async Task PutConfig_BadInput_Is400NamingTheProblem(string body, string named)
    {
        var (status, error) = await Http.SendAsync(_client, "PUT", $"/connectors/{Http.Unique("bad")}/config", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownClass_ListsTheAvailableConnectors()
    {
        var (_, error) = await Http.SendAsync(_client, "POST", "/connectors", """{"name":"x","config":{"connector.class":"Nope"}}""");

        var message = Http.ErrorMessage(HttpStatusCode.BadRequest, error);
        Assert.Contains("FileStreamSourceConnector", message, StringComparison.Ordinal);
        Assert.Contains("SequenceSourceConnector", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restart?includeTasks=maybe", "includeTasks")]
    [InlineData("restart?onlyFailed=1", "onlyFailed")]
    public async Task Restart_QueryFlagNotABoolean_Is400(string path, string named)
    {
        var name = Http.Unique("flags");
        await CreateAsync(name);

        var (status, error) = await Http.SendAsync(_client, "POST", $"/connectors/{name}/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Http.ErrorMessage(HttpStatusCode.BadRequest, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/connectors/missing")]
    [InlineData("GET", "/connectors/missing/config")]
    [InlineData("GET", "/connectors/missing/status")]
    [InlineData("GET", "/connectors/missing/tasks")]
    [InlineData("GET", "/connectors/missing/tasks-config")]
    [InlineData("GET", "/connectors/missing/tasks/0/status")]
    [InlineData("POST", "/connectors/missing/tasks/0/restart")]
    [InlineData("PUT", "/connectors/missing/pause")]
    [InlineData("PUT", "/connectors/missing/resume")]
    [InlineData("PUT", "/connectors/missing/stop")]
    [InlineData("POST", "/connectors/missing/restart")]
    [InlineData("POST", "/connectors/missing/restart?includeTasks=true")]
    [InlineData("DELETE", "/connectors/missing")]
    public async Task PerConnectorPath_UnknownConnector_Is404NamingIt(string method, string path)
    {
        var (status, error) = await Http.SendAsync(_client, method, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("missing", Http.ErrorMessage(HttpStatusCode.NotFound, error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "status", "7")]
    [InlineData("GET", "status", "x")]
    [InlineData("GET", "status", "-1")]
    [InlineData("POST", "restart", "7")]
    public async Task Task_NoSuchTask_Is404(string method, string action, string task)
    {
        var name = Http.Unique("task");
        await CreateAsync(name);

        var (status, body) = await Http.SendAsync(_client, method, $"/connectors/{name}/tasks/{task}/{action}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(task, Http.ErrorMessage(HttpStatusCode.NotFound, body), StringComparison.Ordinal);
    }

    private async Task CreateAsync(string name, string? initialState = null)
    {
        var json = Http.SourceJson(name);
        if (initialState is not null)
        {
            json = json[..^1] + $$""","initial_state":"{{initialState}}"}""";
        }

        var (status, body) = await Http.SendAsync(_client, "POST", "/connectors", json);
        Assert.True(status == HttpStatusCode.Created, $"Creating {name} answered {(int)status}: {body}");
    }

    /// <summary>Waits until the connector and each of its <paramref name="tasks"/> tasks report <paramref name="state"/>.</summary>
    private Task<JsonElement> WaitForStateAsync(string name, string state, int tasks = 1) =>
        Eventually.HoldsAsync(
            async () => (await Http.SendAsync(_client, "GET", $"/connectors/{name}/status")).Body,
            status => ConnectStatus.States(status).All(s => s == state) && status.GetProperty("tasks").GetArrayLength() == tasks,
            status => $"{name}: [{string.Join(", ", ConnectStatus.States(status))}] ({status.GetProperty("tasks").GetArrayLength()} tasks), expected {state} with {tasks} tasks");

    [Fact]
    public async Task PutConfig_NameWithControlCharacter_Is400NamingName()
    {
        var (status, body) = await Http.SendAsync(_client, "PUT", "/connectors/a%01b/config", Http.SinkConfigJson("ignored"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("name", Http.ErrorMessage(HttpStatusCode.BadRequest, body), StringComparison.Ordinal);
    }
}
