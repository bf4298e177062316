using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Datagen;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Tests.Datagen;

public sealed class DatagenTaskTests
{
    [Fact]
    public async Task PollAsync_SequenceQuickstart_CountsFromZeroPerTask()
    {
        var task = await StartAsync(new OffsetStore(), taskId: 3);

        var records = (await task.PollAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), records.Select(r => ((Struct)r.Value!).Get<long>("seq")));
        Assert.All(records, r => Assert.Equal(3, ((Struct)r.Value!).Get<int>("task")));
        Assert.All(records, r => Assert.Equal("seq-topic", r.Topic));
        Assert.Equal(3L, records[0].SourcePartition!["task.id"]);
    }

    [Fact]
    public async Task StartAsync_StoredOffset_ContinuesTheSequenceWithoutGap()
    {
        var offsets = new OffsetStore();
        var first = await StartAsync(offsets, taskId: 0);
        var sent = (await first.PollAsync(TestContext.Current.CancellationToken))!;
        offsets.Stored = sent[^1].SourceOffset;

        var restarted = await StartAsync(offsets, taskId: 0);
        var next = (await restarted.PollAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal((long)sent.Count, ((Struct)next[0].Value!).Get<long>("seq"));
    }

    [Fact]
    public async Task PollAsync_IterationsReached_FailsLikeConfluentsConnector()
    {
        var task = await StartAsync(new OffsetStore(), taskId: 0, iterations: 5);

        Assert.Equal(5, (await task.PollAsync(TestContext.Current.CancellationToken))!.Count);
        var error = await Assert.ThrowsAsync<ConnectException>(() => task.PollAsync(TestContext.Current.CancellationToken));
        Assert.Contains("generated the configured 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", "userid")]
    [InlineData("pageviews", "viewtime")]
    [InlineData("orders", "orderid")]
    public async Task PollAsync_Quickstart_KeysByItsKeyFieldAndValidates(string quickstart, string keyField)
    {
        var task = await StartAsync(new OffsetStore(), taskId: 0, quickstart: quickstart);

        var record = (await task.PollAsync(TestContext.Current.CancellationToken))![0];

        var value = Assert.IsType<Struct>(record.Value);
        value.Validate();
        Assert.Equal(Convert.ToString(value.Get(keyField), System.Globalization.CultureInfo.InvariantCulture), record.Key);
    }

    [Fact]
    public void Validate_UnknownQuickstart_ReportsTheKey()
    {
        var results = new DatagenConnector().Validate(new Dictionary<string, string> { ["kafka.topic"] = "t", ["quickstart"] = "nope" });

        Assert.NotEmpty(results.Single(r => r.Name == "quickstart").ErrorMessages);
    }

    private static async Task<DatagenTask> StartAsync(OffsetStore offsets, int taskId, int iterations = 1000, string quickstart = "sequence")
    {
        var task = new DatagenTask();
        task.Initialize(offsets);
        await task.StartAsync(
            new Dictionary<string, string>
            {
                ["kafka.topic"] = "seq-topic",
                ["quickstart"] = quickstart,
                ["max.interval"] = "0",
                ["iterations"] = iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["task.id"] = taskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            TestContext.Current.CancellationToken);
        return task;
    }

    private sealed class OffsetStore : ISourceTaskContext, IOffsetStorageReader
    {
        public IReadOnlyDictionary<string, object?>? Stored { get; set; }

        public IReadOnlyDictionary<string, string> Configs { get; } = new Dictionary<string, string>();

        public IOffsetStorageReader OffsetStorageReader => this;

        public ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Stored);
    }
}
