using System.Collections.Immutable;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ConnectorGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_SourceToSink_DeliversEveryRecordOnce()
    {
        var (topic, recording) = await StartPipelineAsync(nameof(CreateAsync_SourceToSink_DeliversEveryRecordOnce), count: 500);

        var flushed = await recording.WaitForAsync(500, Timeout);

        AssertExactly(flushed.Select(r => (string)r.Value!), 0, 500, topic);
    }

    [Fact]
    public async Task CreateAsync_ExistingName_Throws409()
    {
        var name = Unique("dup");
        await Connector(name).CreateAsync(SourceRequest(name, Unique("t"), 1), Ct);

        var e = await Assert.ThrowsAsync<ConnectRestException>(() => Connector(name).CreateAsync(SourceRequest(name, Unique("t"), 1), Ct));

        Assert.Equal(409, e.StatusCode);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connector.class", "NoSuchConnector", "connector.class")]
    [InlineData("tasks.max", "x", "tasks.max")]
    [InlineData("tasks.max", "0", "tasks.max")]
    [InlineData("count", "many", "count")]
    public async Task CreateAsync_InvalidValue_Throws400NamingTheKey(string key, string value, string expectedKey)
    {
        var name = Unique("invalid");
        var request = SourceRequest(name, Unique("t"), 1);
        request = request with { Config = request.Config.SetItem(key, value) };

        var e = await Assert.ThrowsAsync<ConnectRestException>(() => Connector(name).CreateAsync(request, Ct));

        Assert.Equal(400, e.StatusCode);
        Assert.Contains(expectedKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_UnknownClass_ListsAvailableConnectors()
    {
        var name = Unique("unknown");
        var request = SourceRequest(name, Unique("t"), 1);
        request = request with { Config = request.Config.SetItem("connector.class", "com.example.Nope") };

        var e = await Assert.ThrowsAsync<ConnectRestException>(() => Connector(name).CreateAsync(request, Ct));

        Assert.Contains("org.apache.kafka.connect.file.FileStreamSourceConnector", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SinkWithoutTopics_Throws400()
    {
        var name = Unique("notopics");
        var config = ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["connector.class"] = typeof(RecordingSinkConnector).FullName!,
            ["recording.id"] = name,
        });

        var e = await Assert.ThrowsAsync<ConnectRestException>(() => Connector(name).CreateAsync(new CreateConnectorRequest(config), Ct));

        Assert.Equal(400, e.StatusCode);
        Assert.Contains("Must configure one of topics or topics.regex", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_Unknown_Throws404()
    {
        var e = await Assert.ThrowsAsync<ConnectRestException>(() => Connector(Unique("missing")).GetInfoAsync());

        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task CreateAsync_ThreeTasks_RunsEveryTaskAndDeliversAll()
    {
        var name = Unique("multi");
        var topic = Unique("multi-topic");
        ClusterFixture.CreateTopic(topic);
        await Connector(name).CreateAsync(SourceRequest(name, topic, 3, count: 50), Ct);
        var recording = await StartSinkAsync(name + "-sink", topic);

        var status = await WaitForTasksAsync(name, 3, ConnectorState.Running);
        var flushed = await recording.WaitForAsync(150, Timeout);

        Assert.All(status.Tasks, t => Assert.False(string.IsNullOrEmpty(t.Status.WorkerId)));
        Assert.Equal(150, flushed.Select(r => (string)r.Value!).Distinct().Count());
    }

    [Fact]
    public async Task PauseAsync_ThenResume_NoLossNoDuplicate()
    {
        var (topic, recording) = await StartPipelineAsync(nameof(PauseAsync_ThenResume_NoLossNoDuplicate), count: 3000, batch: 5);
        var source = Connector(nameof(PauseAsync_ThenResume_NoLossNoDuplicate) + "-" + topic);
        await recording.WaitForAsync(50, Timeout);

        await source.PauseAsync(Ct);
        await WaitForTasksAsync(source.GetPrimaryKeyString(), 1, ConnectorState.Paused);
        await source.ResumeAsync(Ct);
        await WaitForTasksAsync(source.GetPrimaryKeyString(), 1, ConnectorState.Running);
        var flushed = await recording.WaitForAsync(3000, Timeout);

        AssertExactly(flushed.Select(r => (string)r.Value!), 0, 3000, topic);
    }

    [Fact]
    public async Task RestartTaskAsync_MidStream_ResumesFromCommittedOffsetWithoutLoss()
    {
        var (topic, recording) = await StartPipelineAsync(nameof(RestartTaskAsync_MidStream_ResumesFromCommittedOffsetWithoutLoss), count: 3000, batch: 5);
        var source = Connector(nameof(RestartTaskAsync_MidStream_ResumesFromCommittedOffsetWithoutLoss) + "-" + topic);
        await recording.WaitForAsync(50, Timeout);

        await source.RestartTaskAsync(0, Ct);
        var flushed = await recording.WaitForAsync(3000, Timeout);

        AssertExactly(flushed.Select(r => (string)r.Value!), 0, 3000, topic);
    }

    [Fact]
    public async Task StopAsync_Connector_HasNoTasksAndResumeBringsThemBack()
    {
        var name = Unique("stop");
        await Connector(name).CreateAsync(SourceRequest(name, Unique("t"), 2), Ct);
        await WaitForTasksAsync(name, 2, ConnectorState.Running);

        await Connector(name).StopAsync(Ct);
        var stopped = await Connector(name).GetStatusAsync();
        await Connector(name).ResumeAsync(Ct);
        var resumed = await WaitForTasksAsync(name, 2, ConnectorState.Running);

        Assert.Equal(ConnectorState.Stopped, stopped.Connector.State);
        Assert.Empty(stopped.Tasks);
        Assert.Equal(ConnectorState.Running, resumed.Connector.State);
    }

    [Fact]
    public async Task DeleteAsync_Connector_RemovesItFromRegistryAndStopsTasks()
    {
        var name = Unique("delete");
        var topic = Unique("delete-topic");
        ClusterFixture.CreateTopic(topic);
        var recording = await StartSinkAsync(name, topic);

        await Connector(name).DeleteAsync(Ct);
        var names = await fixture.Grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync();

        Assert.DoesNotContain(name, names);
        Assert.Equal(1, recording.Stops);
        await Assert.ThrowsAsync<ConnectRestException>(() => Connector(name).GetStatusAsync());
    }

    [Fact]
    public async Task RestartAsync_OnlyFailedTasks_RestartsTheFailedTask()
    {
        var name = Unique("failing");
        var topic = Unique("failing-topic");
        ClusterFixture.CreateTopic(topic);
        var config = SinkConfig(name, topic).SetItem(RecordingSinkConnector.FailOnValueConfig, "0-3");
        await Connector(name).CreateAsync(new CreateConnectorRequest(config), Ct);
        await Connector(name + "-src").CreateAsync(SourceRequest(name + "-src", topic, 1, count: 10), Ct);

        var failed = await WaitForTasksAsync(name, 1, ConnectorState.Failed);
        var plan = await Connector(name).RestartAsync(includeTasks: true, onlyFailed: true, Ct);

        Assert.Contains("Refusing record", failed.Tasks[0].Status.Trace, StringComparison.Ordinal);
        Assert.Equal(ConnectorState.Running, plan.Connector.State);
        Assert.Equal(ConnectorState.Restarting, plan.Tasks[0].Status.State);
    }

    private async Task<(string Topic, Recording Recording)> StartPipelineAsync(string test, int count, int batch = 10)
    {
        var topic = Unique("topic");
        ClusterFixture.CreateTopic(topic);
        var name = test + "-" + topic;
        await Connector(name).CreateAsync(SourceRequest(name, topic, 1, count, batch));
        var recording = await StartSinkAsync(name + "-sink", topic);
        return (topic, recording);
    }

    private async Task<Recording> StartSinkAsync(string name, string topic)
    {
        await Connector(name).CreateAsync(new CreateConnectorRequest(SinkConfig(name, topic)));
        await WaitForTasksAsync(name, 1, ConnectorState.Running);
        return RecordingStore.Get(name);
    }

    private async Task<ConnectorStateInfo> WaitForTasksAsync(string name, int tasks, ConnectorState state) =>
        await Eventually.HoldsAsync(
            () => Connector(name).GetStatusAsync(),
            s => s.Tasks.Length == tasks && s.Tasks.All(t => t.Status.State == state),
            s => $"connector {name}: expected {tasks} tasks {state}, got [{string.Join(", ", s.Tasks.Select(t => $"{t.Id}:{t.Status.State}"))}]",
            Timeout);

    private static void AssertExactly(IEnumerable<string> values, long from, long to, string topic)
    {
        var list = values.ToList();
        var expected = Enumerable.Range((int)from, (int)(to - from)).Select(i => $"0-{i}").ToList();
        var missing = expected.Except(list).Take(5).ToList();
        var duplicates = list.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(missing.Count == 0 && duplicates.Count == 0 && list.Count == expected.Count,
            $"topic {topic}: expected {expected.Count} records exactly once, got {list.Count}; missing e.g. [{string.Join(",", missing)}], duplicated e.g. [{string.Join(",", duplicates)}]");
        Assert.Equal(expected, list);
    }

    private static CreateConnectorRequest SourceRequest(string name, string topic, int tasks, long count = 100, int batch = 10) =>
        new(ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["name"] = name,
            ["connector.class"] = "SequenceSource",
            ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["topic"] = topic,
            ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["batch"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

    private static ImmutableDictionary<string, string> SinkConfig(string name, string topic) =>
        ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["connector.class"] = typeof(RecordingSinkConnector).FullName!,
            ["topics"] = topic,
            ["recording.id"] = name,
        });

    private IConnectorGrain Connector(string name) => fixture.Grains.GetGrain<IConnectorGrain>(name);

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
