using System.Net;
using System.Text;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// A standalone silo (no PostgreSQL) keeps its connectors, target states and source offsets in its state directory:
/// killed with kill -9 and started again on the same directory, it comes back as it was. The embedded Kafka runs as
/// its own process here, so the topic survives the silo as a real broker would.
/// </summary>
public sealed class StandaloneStateTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-standalone-").FullName;
    private EmbeddedKafkaProcess _kafka = null!;

    public async ValueTask InitializeAsync() => _kafka = await EmbeddedKafkaProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _kafka.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Restart_AfterKill9OnTheSameStateDirectory_ConnectorsComeBackInTheirStatesAndTheSourceResumesWithoutGapOrDuplicate()
    {
        var state = Path.Combine(_directory, "state");
        var input = Path.Combine(_directory, "in.txt");
        const string topic = "standalone-lines";
        string[] arguments = [$"--Kafka:BootstrapServers={_kafka.BootstrapServers}", $"--OrleansConnect:StateDirectory={state}"];

        await using (var first = new SiloProcess(arguments))
        {
            await first.InitializeAsync();
            await Rest.CreateConnectorAsync(first.Http, Examples.FileSource("lines", input, topic));
            Append(input, 0, 500);
            await WaitForTopicAsync(topic, 500, first);

            // The sink after its topic exists: this Kafka is another process, so the silo does not create topics in it.
            await Rest.CreateConnectorAsync(first.Http, Examples.FileSink("paused-sink", Path.Combine(_directory, "out.txt"), topic));
            await Rest.ExpectAsync(first.Http, HttpMethod.Put, "/connectors/paused-sink/pause", HttpStatusCode.Accepted);
            await Rest.WaitForStateAsync(first.Http, "paused-sink", "PAUSED");

            // Killed only once the source committed the position of every line: what follows must neither repeat nor skip.
            var length = new FileInfo(input).Length;
            await Eventually.HoldsAsync(
                () => CommittedPositionAsync(first),
                position => position == length,
                position => $"source lines committed position {position}, expected {length}\n{first.Output}");
            first.Kill();
        }

        await using var second = new SiloProcess(arguments);
        await second.InitializeAsync();
        using (var connectors = await Rest.GetJsonAsync(second.Http, "/connectors"))
        {
            Assert.Equal(["lines", "paused-sink"], connectors.RootElement.EnumerateArray().Select(e => e.GetString()).Order());
        }

        await Rest.WaitForStateAsync(second.Http, "paused-sink", "PAUSED");
        await Rest.WaitForStateAsync(second.Http, "lines", "RUNNING");
        Append(input, 500, 1000);
        await WaitForTopicAsync(topic, 1000, second);

        // The Kafka of another process auto-creates the topic with several partitions: compare without their interleaving.
        var records = await Kcat.ConsumeAllAsync(_kafka.BootstrapServers, topic);
        Assert.Equal(Expected(0, 1000), records.OrderBy(r => int.Parse(r["line ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Start_StateDirectoryInUseByAnotherSilo_ExitsNamingTheDirectory()
    {
        var state = Path.Combine(_directory, "shared-state");
        string[] arguments = [$"--Kafka:BootstrapServers={_kafka.BootstrapServers}", $"--OrleansConnect:StateDirectory={state}"];
        await using var first = new SiloProcess(arguments);
        await first.InitializeAsync();

        await using var second = new SiloProcess(arguments);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.InitializeAsync());

        Assert.Contains("exited", e.Message, StringComparison.Ordinal);
        Assert.Contains($"The state directory {state} is in use by another OrleansConnect silo", e.Message, StringComparison.Ordinal);
    }

    private static async Task<long?> CommittedPositionAsync(SiloProcess silo)
    {
        using var offsets = await Rest.GetJsonAsync(silo.Http, "/connectors/lines/offsets");
        var entries = offsets.RootElement.GetProperty("offsets").EnumerateArray().ToList();
        return entries.Count == 1 ? entries[0].GetProperty("offset").GetProperty("position").GetInt64() : null;
    }

    private async Task WaitForTopicAsync(string topic, int count, SiloProcess silo) =>
        await Eventually.HoldsAsync(
            async () => (await Kcat.ConsumeAllAsync(_kafka.BootstrapServers, topic)).Count,
            records => records >= count,
            records => $"topic {topic} has {records} records, expected {count}\n{silo.Output}",
            TimeSpan.FromSeconds(60));

    private static List<string> Expected(int from, int to) => Enumerable.Range(from, to - from).Select(i => $"line {i}").ToList();

    private static void Append(string file, int from, int to)
    {
        var text = new StringBuilder();
        foreach (var line in Expected(from, to))
        {
            text.Append(line).Append('\n');
        }

        File.AppendAllText(file, text.ToString());
    }
}
