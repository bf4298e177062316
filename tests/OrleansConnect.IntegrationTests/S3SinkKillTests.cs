using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// The S3 sink across a kill -9 of its silo: a standalone silo on its own state directory and an embedded Kafka of its
/// own process (so the topic and the consumer group outlive the silo), writing to s3rver. The objects uploaded but not
/// yet committed when the silo dies are written again by the restarted silo under the same names.
/// </summary>
public sealed class S3SinkKillTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-s3-kill-").FullName;
    private EmbeddedKafkaProcess _kafka = null!;

    public async ValueTask InitializeAsync() => _kafka = await EmbeddedKafkaProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _kafka.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Restart_AfterKill9MidTopic_EveryRecordInExactlyOneObject()
    {
        const string name = "s3-kill";
        var topic = "s3-kill-" + Guid.NewGuid().ToString("N")[..8];
        string[] arguments = [$"--Kafka:BootstrapServers={_kafka.BootstrapServers}", $"--OrleansConnect:StateDirectory={Path.Combine(_directory, "state")}"];
        await Kcat.ProduceAsync(_kafka.BootstrapServers, topic, Lines(0, 300));

        await using (var first = new SiloProcess(arguments))
        {
            await first.InitializeAsync();
            await Rest.CreateConnectorAsync(first.Http, Connector(name, topic));

            // Killed mid-topic, before the first offset commit (offset.flush.interval.ms is 60 s): every object so far
            // is uploaded and not committed, so the next silo consumes them all again.
            await Eventually.HoldsAsync(
                () => s3.KeysAsync($"topics/{topic}/"),
                keys => keys.Count >= 100,
                keys => $"bucket {s3.Bucket} has {keys.Count} objects of connector {name}, expected 100 before the kill\n{first.Output}",
                TimeSpan.FromSeconds(60));
            first.Kill();
        }

        await Kcat.ProduceAsync(_kafka.BootstrapServers, topic, Lines(300, 600));
        await using var second = new SiloProcess(arguments);
        await second.InitializeAsync();
        var final = await Eventually.HoldsAsync(
            () => s3.KeysAsync($"topics/{topic}/"),
            keys => keys.Count >= 600,
            keys => $"bucket {s3.Bucket} has {keys.Count} objects of connector {name}, expected 600 after the restart\n{second.Output}",
            TimeSpan.FromSeconds(90));

        var lines = new List<string>();
        foreach (var key in final)
        {
            lines.AddRange(Encoding.UTF8.GetString(await s3.ReadAsync(key)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        // One record per object (flush.size=1), named after its partition and offset: 600 objects, each record once.
        Assert.Equal(600, final.Count);
        Assert.Equal(Lines(0, 600).Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.All(final, key => Assert.Matches($"^topics/{topic}/partition=\\d+/{topic}\\+\\d+\\+\\d{{10}}\\.bin$", key));
    }

    private JsonObject Connector(string name, string topic)
    {
        var config = new JsonObject
        {
            ["connector.class"] = "io.confluent.connect.s3.S3SinkConnector",
            ["tasks.max"] = "1",
            ["topics"] = topic,
            ["format.class"] = "io.confluent.connect.s3.format.bytearray.ByteArrayFormat",
            ["flush.size"] = "1",
            ["value.converter"] = "org.apache.kafka.connect.converters.ByteArrayConverter",
        };
        foreach (var (key, value) in s3.ConnectorConfig)
        {
            config[key] = value;
        }

        return new JsonObject { ["name"] = name, ["config"] = config };
    }

    private static List<string> Lines(int from, int to) =>
        [.. Enumerable.Range(from, to - from).Select(i => "record-" + i.ToString(CultureInfo.InvariantCulture))];
}
