using System.Net;
using System.Text;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// The README's walk-through for real: FileStreamSource -> embedded Kafka -> FileStreamSink through the REST API of a
/// running silo, checked against the files and, independently, against the topic with kcat.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class FilePipelineTests(SiloFixture silo) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-it-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Pipeline_TenThousandLinesAcrossPauseResumeAndTaskRestart_ArriveOnceInOrder()
    {
        var (source, sink, topic) = Names("pipeline");
        var input = Path.Combine(_directory, "in.txt");
        var output = Path.Combine(_directory, "out.txt");
        await Rest.CreateConnectorAsync(silo.Http, Examples.FileSource(source, input, topic));
        await Rest.CreateConnectorAsync(silo.Http, Examples.FileSink(sink, output, topic));

        Append(input, 0, 3000);
        await WaitForLinesAsync(output, 3000);

        foreach (var connector in new[] { source, sink })
        {
            await Rest.ExpectAsync(silo.Http, HttpMethod.Put, $"/connectors/{connector}/pause", HttpStatusCode.Accepted);
            await Rest.WaitForStateAsync(silo.Http, connector, "PAUSED");
        }

        Append(input, 3000, 6000);
        foreach (var connector in new[] { source, sink })
        {
            await Rest.ExpectAsync(silo.Http, HttpMethod.Put, $"/connectors/{connector}/resume", HttpStatusCode.Accepted);
            await Rest.WaitForStateAsync(silo.Http, connector, "RUNNING");
        }

        await WaitForLinesAsync(output, 6000);

        // Restart both tasks while lines keep arriving.
        Append(input, 6000, 8000);
        await Rest.ExpectAsync(silo.Http, HttpMethod.Post, $"/connectors/{source}/tasks/0/restart", HttpStatusCode.NoContent);
        await Rest.ExpectAsync(silo.Http, HttpMethod.Post, $"/connectors/{sink}/tasks/0/restart", HttpStatusCode.NoContent);
        Append(input, 8000, 10_000);

        await WaitForLinesAsync(output, 10_000);
        Assert.Equal(Expected(0, 10_000), ReadLines(output));
        Assert.Equal(Expected(0, 10_000), await Kcat.ConsumeAllAsync(silo.KafkaBootstrapServers, topic));
    }

    [Fact]
    public async Task Delete_ThenCreateAgain_ResumesFromTheStoredOffset()
    {
        var (source, _, topic) = Names("redo");
        var input = Path.Combine(_directory, "in.txt");
        await Rest.CreateConnectorAsync(silo.Http, Examples.FileSource(source, input, topic));
        Append(input, 0, 50);
        await WaitForTopicAsync(topic, 50);

        await Rest.ExpectAsync(silo.Http, HttpMethod.Delete, $"/connectors/{source}", HttpStatusCode.NoContent);
        await Rest.ExpectAsync(silo.Http, HttpMethod.Get, $"/connectors/{source}", HttpStatusCode.NotFound);
        await Rest.ExpectAsync(silo.Http, HttpMethod.Get, $"/connectors/{source}/tasks/0/status", HttpStatusCode.NotFound);
        using (var list = await Rest.GetJsonAsync(silo.Http, "/connectors"))
        {
            Assert.DoesNotContain(source, list.RootElement.EnumerateArray().Select(e => e.GetString()));
        }

        // As in Kafka Connect, source offsets outlive the connector: the same name picks up where it stopped.
        Append(input, 50, 100);
        await Rest.CreateConnectorAsync(silo.Http, Examples.FileSource(source, input, topic));
        await WaitForTopicAsync(topic, 100);
        Assert.Equal(Expected(0, 100), await Kcat.ConsumeAllAsync(silo.KafkaBootstrapServers, topic));
    }

    [Fact]
    public async Task Sink_RecordsProducedByAnotherClient_AreWrittenOnePerLine()
    {
        var (_, sink, topic) = Names("kcat");
        var output = Path.Combine(_directory, "out.txt");

        // Sink first: it waits RUNNING for its topic, which kcat's produce creates, and then reads it from the start.
        await Rest.CreateConnectorAsync(silo.Http, Examples.FileSink(sink, output, topic));
        await Rest.WaitForStateAsync(silo.Http, sink, "RUNNING");
        await Kcat.ProduceAsync(silo.KafkaBootstrapServers, topic, Expected(0, 20));

        await WaitForLinesAsync(output, 20);
        Assert.Equal(Expected(0, 20), ReadLines(output));
    }

    private static (string Source, string Sink, string Topic) Names(string test)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ($"{test}-source-{suffix}", $"{test}-sink-{suffix}", $"{test}-{suffix}");
    }

    private static List<string> Expected(int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => $"line {i} ünïcödé").ToList();

    private static void Append(string file, int from, int to)
    {
        var text = new StringBuilder();
        foreach (var line in Expected(from, to))
        {
            text.Append(line).Append('\n');
        }

        File.AppendAllText(file, text.ToString());
    }

    private static List<string> ReadLines(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private Task WaitForLinesAsync(string file, int count) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(ReadLines(file).Count),
            lines => lines >= count,
            lines => $"{Path.GetFileName(file)} has {lines} lines, expected {count}\n{Tail(silo.Output)}",
            TimeSpan.FromSeconds(60));

    private Task WaitForTopicAsync(string topic, int count) =>
        Eventually.HoldsAsync(
            async () => (await Kcat.ConsumeAllAsync(silo.KafkaBootstrapServers, topic)).Count,
            records => records >= count,
            records => $"topic {topic} has {records} records, expected {count}\n{Tail(silo.Output)}",
            TimeSpan.FromSeconds(60));

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
