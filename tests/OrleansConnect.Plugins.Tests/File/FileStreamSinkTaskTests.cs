using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.File;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Tests.File;

public sealed class FileStreamSinkTaskTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-file-").FullName;

    private string Output => Path.Combine(_directory, "out.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PutAsync_Values_WritesOneLinePerRecordVisibleAtOnce()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.OptionalString)
            .Field("tags", SchemaBuilder.Array(Schema.String).Build()).Build();
        var row = new Struct(schema).Put("id", 7).Put("name", "ä \"q\"").Put("tags", new List<object?> { "x" });
        var task = await StartAsync();

        await task.PutAsync(
            [
                Record("plain text", 0),
                Record(row, 1),
                Record(new Dictionary<string, object?> { ["k"] = 1L }, 2),
                Record(null, 3),
                Record(42L, 4),
                Record(true, 5),
            ],
            CancellationToken.None);

        // Read before flush or stop: lines must already be with the operating system.
        Assert.Equal(
            ["plain text", """{"id":7,"name":"ä \"q\"","tags":["x"]}""", """{"k":1}""", "null", "42", "true"],
            ReadLines());
        await task.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StartAsync_ExistingFile_AppendsAfterItsLines()
    {
        var first = await StartAsync();
        await first.PutAsync([Record("one", 0)], CancellationToken.None);
        await first.FlushAsync(new Dictionary<TopicPartition, long>(), CancellationToken.None);
        await first.StopAsync(CancellationToken.None);

        var second = await StartAsync();
        await second.PutAsync([Record("two", 1)], CancellationToken.None);
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(["one", "two"], ReadLines());
    }

    private static SinkRecord Record(object? value, long offset) => new("t", 0, null, null, null, value, offset);

    private async Task<FileStreamSinkTask> StartAsync()
    {
        var task = new FileStreamSinkTask();
        await task.StartAsync(new Dictionary<string, string> { ["file"] = Output, ["topics"] = "t" }, CancellationToken.None);
        return task;
    }

    private List<string> ReadLines()
    {
        using var stream = new FileStream(Output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
