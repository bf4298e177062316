using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using OrleansConnect.IntegrationTests.Cluster;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// A Kafka Connect cluster's internal topics, written record by record in Kafka's own formats to the embedded Kafka,
/// imported into a silo: connectors come back with their configs and target states, the FileStream source resumes at
/// its byte position, the JDBC source after its imported id, a sink in its existing consumer group; deleted
/// connectors' offsets and reset offsets are as Kafka Connect left them, and unreadable records are named.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KafkaConnectImportTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-import-").FullName;
    private readonly SiloProcess _silo = new();

    public ValueTask InitializeAsync() => _silo.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Import_KafkaConnectTopics_ConnectorsResumeWhereKafkaConnectLeftThem()
    {
        var input = Path.Combine(_directory, "in.txt");
        await File.WriteAllLinesAsync(input, ["old-0", "old-1", "old-2", "new-3", "new-4"], TestContext.Current.CancellationToken);
        var position = Encoding.UTF8.GetByteCount("old-0\nold-1\nold-2\n");
        var database = await postgres.CreateDatabaseAsync();
        await ExecuteAsync(database, "CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL); INSERT INTO orders (item) SELECT 'item-' || n FROM generate_series(1, 5) n");
        var db = new NpgsqlConnectionStringBuilder(database);
        var kafka = _silo.KafkaBootstrapServers;

        // The sink's topic has 10 records, and its group connect-lines-sink committed 6 in Kafka Connect.
        Produce(kafka, "imp-sink-in", Enumerable.Range(0, 10).Select(i => ($"k{i}", (string?)$"record-{i}")));
        CommitGroupOffset(kafka, "connect-lines-sink", "imp-sink-in", 6);

        Produce(kafka, "imp-configs", [
            ("connector-files", Props(("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"), ("file", input), ("topic", "imp-files"), ("tasks.max", "1"), ("value.converter", "org.apache.kafka.connect.storage.StringConverter"))),
            ("task-files-0", Props(("file", input), ("topic", "imp-files"))),
            ("commit-files", """{"tasks":1}"""),
            ("connector-orders", Props(("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector"), ("connection.url", $"jdbc:postgresql://127.0.0.1:{db.Port}/{db.Database}"),
                ("connection.user", "postgres"), ("mode", "incrementing"), ("incrementing.column.name", "id"), ("table.whitelist", "orders"), ("topic.prefix", "imp-"), ("poll.interval.ms", "200"))),
            ("connector-lines-sink", Props(("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"), ("file", Path.Combine(_directory, "sink.txt")), ("topics", "imp-sink-in"),
                ("key.converter", "org.apache.kafka.connect.storage.StringConverter"), ("value.converter", "org.apache.kafka.connect.storage.StringConverter"))),
            ("connector-paused", Props(("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector"), ("file", Path.Combine(_directory, "paused.txt")), ("topics", "imp-sink-in"))),
            ("target-state-paused", """{"state":"PAUSED"}"""),
            ("connector-stopped", Props(("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"), ("file", input), ("topic", "imp-stopped"), ("no.such.key", "x"))),
            ("target-state-stopped", """{"state":"PAUSED","state.v2":"STOPPED"}"""),
            ("connector-gone", Props(("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"), ("file", "/gone.txt"), ("topic", "imp-gone"))),
            ("connector-gone", null),
            ("connector-elsewhere", Props(("connector.class", "com.example.NotInstalledConnector"))),
            ("connector-broken", "{not json"),
        ]);
        Produce(kafka, "imp-offsets", [
            ($$"""["files",{"filename":"{{input}}"}]""", $$"""{"position":{{position}}}"""),
            ("""["orders",{"protocol":"1","table":"public.orders"}]""", """{"incrementing":3}"""),
            ("""["gone",{"filename":"/gone.txt"}]""", """{"position":7}"""),
            ($$"""["stopped",{"filename":"{{input}}"}]""", """{"position":5}"""),
            ($$"""["stopped",{"filename":"{{input}}"}]""", null),
            ("[not a key", """{"position":1}"""),
        ]);
        Produce(kafka, "imp-status", [("status-connector-files", """{"state":"RUNNING","trace":null,"worker_id":"kc-1:8083","generation":4}""")]);
        var worker = """{"config.storage.topic":"imp-configs","offset.storage.topic":"imp-offsets","status.storage.topic":"imp-status"}""";

        var (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect?dryRun=true", worker);
        Assert.True(status == HttpStatusCode.OK, body);
        using (var dry = JsonDocument.Parse(body))
        {
            var connectors = dry.RootElement.GetProperty("connectors").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
            Assert.Equal(["elsewhere", "files", "lines-sink", "orders", "paused", "stopped"], connectors.Keys.Order());
            Assert.Equal("STARTED", connectors["files"].GetProperty("target_state").GetString());
            Assert.Equal("RUNNING", connectors["files"].GetProperty("last_status").GetString());
            Assert.Equal(1, connectors["files"].GetProperty("source_partitions").GetInt32());
            Assert.StartsWith("would be created STOPPED", connectors["files"].GetProperty("action").GetString());
            Assert.Equal("PAUSED", connectors["paused"].GetProperty("target_state").GetString());
            Assert.Equal("STOPPED", connectors["stopped"].GetProperty("target_state").GetString());
            Assert.Equal(0, connectors["stopped"].GetProperty("source_partitions").GetInt32());
            Assert.Equal(["no.such.key"], connectors["stopped"].GetProperty("unknown_keys").EnumerateArray().Select(k => k.GetString()));
            Assert.False(connectors["elsewhere"].GetProperty("available").GetBoolean());
            Assert.StartsWith("skipped: connector.class 'com.example.NotInstalledConnector' is not installed here", connectors["elsewhere"].GetProperty("action").GetString());
            Assert.Equal("gone", Assert.Single(dry.RootElement.GetProperty("offsets").EnumerateArray()).GetProperty("connector").GetString());
            var problems = dry.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.Contains(problems, p => p.StartsWith("imp-configs partition 0 offset 12: record 'connector-broken'", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("imp-offsets partition 0 offset 5:", StringComparison.Ordinal));
        }

        using (var list = await Rest.GetJsonAsync(_silo.Http, "/connectors"))
        {
            Assert.Empty(list.RootElement.EnumerateArray());
        }

        // Started in their target states; the worker file goes through the command, as a user runs it.
        var file = Path.Combine(_directory, "connect-distributed.properties");
        await File.WriteAllTextAsync(file, $"bootstrap.servers={kafka}\ngroup.id=connect-cluster\nconfig.storage.topic=imp-configs\noffset.storage.topic=imp-offsets\nstatus.storage.topic=imp-status\nkey.converter=org.apache.kafka.connect.json.JsonConverter\n", TestContext.Current.CancellationToken);
        var import = await Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "import-kafka-connect", file, "--start", $"--url={_silo.Http.BaseAddress}"]);
        Assert.True(import.ExitCode == 0, import.Describe());
        Assert.Contains("connector files: org.apache.kafka.connect.file.FileStreamSourceConnector, STARTED, 1 source partition(s) with offsets", import.Output);
        Assert.Contains("  created STARTED with the offsets of 1 source partition(s)", import.Output);

        await Rest.WaitForStateAsync(_silo.Http, "files", "RUNNING");
        await Rest.WaitForStateAsync(_silo.Http, "orders", "RUNNING");
        await Rest.WaitForStateAsync(_silo.Http, "lines-sink", "RUNNING");
        // Paused after its offsets were written while STOPPED: PAUSED with no tasks until resumed, as Kafka pauses a stopped connector.
        Assert.Equal("PAUSED", await ConnectorStateAsync("paused"));
        Assert.Equal("STOPPED", await ConnectorStateAsync("stopped"));
        Assert.Equal(["new-3", "new-4"], await ConsumeAsync(kafka, "imp-files", 2));
        Assert.Equal([4, 5], (await ConsumeAsync(kafka, "imp-orders", 2)).Select(Id));
        await Eventually.HoldsAsync(
            () => Task.FromResult(File.Exists(Path.Combine(_directory, "sink.txt")) ? File.ReadAllLines(Path.Combine(_directory, "sink.txt")) : []),
            lines => lines.Length >= 4,
            lines => $"the sink wrote {lines.Length} lines",
            TimeSpan.FromSeconds(60));
        Assert.Equal(["record-6", "record-7", "record-8", "record-9"], await File.ReadAllLinesAsync(Path.Combine(_directory, "sink.txt"), TestContext.Current.CancellationToken));

        // Run again: nothing changes.
        (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect?start=true", worker);
        Assert.True(status == HttpStatusCode.OK, body);
        using (var again = JsonDocument.Parse(body))
        {
            Assert.All(
                again.RootElement.GetProperty("connectors").EnumerateArray().Where(c => c.GetProperty("available").GetBoolean()),
                c => Assert.StartsWith("unchanged", c.GetProperty("action").GetString()));
            Assert.StartsWith("unchanged", Assert.Single(again.RootElement.GetProperty("offsets").EnumerateArray()).GetProperty("action").GetString());
        }

        // A connector created later under a deleted one's name resumes from its offsets, as in Kafka.
        (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/connectors",
            """{"name":"gone","config":{"connector.class":"FileStreamSource","file":"/gone.txt","topic":"imp-gone"},"initial_state":"STOPPED"}""");
        Assert.True(status == HttpStatusCode.Created, body);
        using var offsets = await Rest.GetJsonAsync(_silo.Http, "/connectors/gone/offsets");
        Assert.Equal(7, Assert.Single(offsets.RootElement.GetProperty("offsets").EnumerateArray()).GetProperty("offset").GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Import_MissingTopicOrSetting_Answers400NamingIt()
    {
        var (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect", """{"config.storage.topic":"imp-none-configs","offset.storage.topic":"imp-none-offsets"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Topic 'imp-none-configs' does not exist", body);

        (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect",
            $$"""{"config.storage.topic":"c","offset.storage.topic":"o","bootstrap.servers":"127.0.0.1:{{ServerProcess.FreePort()}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Could not read topic 'c' from the Kafka cluster at 127.0.0.1:", body);

        (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect", """{"config.storage.topic":"c"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'offset.storage.topic'", body);

        (status, body) = await Rest.SendAsync(_silo.Http, HttpMethod.Post, "/admin/import/kafka-connect", """{"config.storage.topic":"c","offset.storage.topic":"o","group.id":"g"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'group.id' is not a setting the import reads", body);
    }

    private async Task<string?> ConnectorStateAsync(string name)
    {
        using var status = await Rest.GetJsonAsync(_silo.Http, $"/connectors/{name}/status");
        return status.RootElement.GetProperty("connector").GetProperty("state").GetString();
    }

    /// <summary>A JDBC record's id, with or without the JsonConverter's schema envelope.</summary>
    private static int Id(string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement.TryGetProperty("payload", out var payload) ? payload : document.RootElement;
        return value.GetProperty("id").GetInt32();
    }

    private static string Props(params (string Key, string Value)[] properties) =>
        JsonSerializer.Serialize(new { properties = properties.ToDictionary(p => p.Key, p => p.Value) });

    private static void Produce(string bootstrapServers, string topic, IEnumerable<(string Key, string? Value)> records)
    {
        using var producer = new ProducerBuilder<string, string?>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        foreach (var (key, value) in records)
        {
            // One by one into partition 0 (the embedded Kafka creates four), so that each record's offset is its place in the list.
            producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string?> { Key = key, Value = value }).GetAwaiter().GetResult();
        }
    }

    private static void CommitGroupOffset(string bootstrapServers, string group, string topic, long offset)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        consumer.Commit([new TopicPartitionOffset(topic, 0, offset)]);
    }

    private static async Task<IReadOnlyList<string>> ConsumeAsync(string bootstrapServers, string topic, int count) =>
        await Eventually.HoldsAsync(
            () => Kcat.ConsumeAllAsync(bootstrapServers, topic),
            records => records.Count >= count,
            records => $"{topic} has {records.Count} records, expected {count}",
            TimeSpan.FromSeconds(60));

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
