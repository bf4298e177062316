using System.Text;
using OrleansConnect.Plugins.File;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.Tests.File;

public sealed class FileStreamSourceTaskTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-file-").FullName;
    private readonly FakeSourceTaskContext _context = new();

    private string Input => Path.Combine(_directory, "in.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PollAsync_AppendedLines_EmitsEachLineWithTheBytePositionAfterIt()
    {
        System.IO.File.WriteAllText(Input, "a\r\nünï\nlast", new UTF8Encoding(false));
        var task = await StartAsync();

        var records = await task.PollAsync(CancellationToken.None);

        Assert.NotNull(records);
        Assert.Equal(["a", "ünï"], records.Select(r => r.Value));
        Assert.Equal([3L, 9L], records.Select(r => r.SourceOffset!["position"]));
        Assert.All(records, r => Assert.Equal("connect-test", r.Topic));
        Assert.All(records, r => Assert.Equal(Input, r.SourcePartition!["filename"]));
    }

    [Fact]
    public async Task PollAsync_PartialLastLine_IsHeldUntilItsNewlineArrives()
    {
        System.IO.File.WriteAllText(Input, "one\ntw");
        var task = await StartAsync();
        Assert.Equal(["one"], (await task.PollAsync(CancellationToken.None))!.Select(r => r.Value));
        Assert.Null(await task.PollAsync(CancellationToken.None));

        System.IO.File.AppendAllText(Input, "o\n");

        var records = (await task.PollAsync(CancellationToken.None))!;
        Assert.Equal(["two"], records.Select(r => r.Value));
        Assert.Equal(8L, records[0].SourceOffset!["position"]);
    }

    [Fact]
    public async Task PollAsync_MoreLinesThanBatchSize_ReturnsAtMostBatchSizeEachTime()
    {
        System.IO.File.WriteAllLines(Input, Enumerable.Range(0, 5).Select(i => $"l{i}"));
        var task = await StartAsync(batchSize: 2);

        var batches = new List<IReadOnlyList<SourceRecord>>();
        for (var i = 0; i < 3; i++)
        {
            batches.Add((await task.PollAsync(CancellationToken.None))!);
        }

        Assert.Equal([2, 2, 1], batches.Select(b => b.Count));
        Assert.Equal(["l0", "l1", "l2", "l3", "l4"], batches.SelectMany(b => b).Select(r => r.Value));
    }

    [Fact]
    public async Task StartAsync_StoredPosition_ResumesAfterItWithoutGapOrDuplicate()
    {
        System.IO.File.WriteAllText(Input, "first\nsecond\n");
        var first = await StartAsync();
        var sent = (await first.PollAsync(CancellationToken.None))!;
        await first.StopAsync(CancellationToken.None);
        _context.Offsets[Input] = sent[0].SourceOffset!;
        System.IO.File.AppendAllText(Input, "third\n");

        var restarted = await StartAsync();

        Assert.Equal(["second", "third"], (await restarted.PollAsync(CancellationToken.None))!.Select(r => r.Value));
    }

    [Fact]
    public async Task PollAsync_FileCreatedAfterStart_ReadsItOnceItExists()
    {
        var task = await StartAsync();
        Assert.Null(await task.PollAsync(CancellationToken.None));

        System.IO.File.WriteAllText(Input, "late\n");

        Assert.Equal(["late"], (await task.PollAsync(CancellationToken.None))!.Select(r => r.Value));
    }

    [Fact]
    public async Task PollAsync_FileTruncated_StartsAgainFromItsBeginning()
    {
        System.IO.File.WriteAllText(Input, "a long first line\n");
        var task = await StartAsync();
        Assert.Single((await task.PollAsync(CancellationToken.None))!);

        System.IO.File.WriteAllText(Input, "new\n");

        Assert.Equal(["new"], (await task.PollAsync(CancellationToken.None))!.Select(r => r.Value));
    }

    private async Task<FileStreamSourceTask> StartAsync(int batchSize = 2000)
    {
        var task = new FileStreamSourceTask();
        task.Initialize(_context);
        await task.StartAsync(
            new Dictionary<string, string>
            {
                ["file"] = Input,
                ["topic"] = "connect-test",
                ["batch.size"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            CancellationToken.None);
        return task;
    }
}
