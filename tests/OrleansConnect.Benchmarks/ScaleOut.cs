using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// Distributed mode growing and stalling: three datagen <c>sequence</c> connectors of four tasks on two silos; a third
/// silo starts and the clock runs from its start until every silo runs four tasks (the rebalance); the sources are
/// then paused and their topics read back to count sequence numbers lost or delivered twice across the moves. Then
/// the silo with the most tasks is frozen with SIGSTOP (a hung node) and the clock runs until every task is RUNNING on
/// the other two; woken, the frozen silo finds itself declared dead and exits.
/// </summary>
internal static class ScaleOut
{
    private const int Connectors = 3;
    private const int TasksEach = 4;

    public static async Task RunAsync(Figures figures, string kafka, string[] siloSettings)
    {
        if (!PostgresServer.IsInstalled)
        {
            figures.Note("rebalance_join_s and failover_hung_s not measured: no PostgreSQL server binaries; apt-get install postgresql");
            return;
        }

        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        string[] settings = [.. siloSettings, $"--ConnectionStrings:PostgreSQL={await postgres.CreateDatabaseAsync()}", "--Orleans:AdvertisedIPAddress=127.0.0.1", "--OrleansConnect:SupervisorIntervalMs=1000"];
        var silos = (await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SiloProcess.StartAsync(settings)))).ToList();
        var topics = Enumerable.Range(0, Connectors).Select(i => $"scale-{i}-{Guid.NewGuid():N}"[..16]).ToList();
        try
        {
            foreach (var (topic, i) in topics.Select((t, i) => (t, i)))
            {
                await Rest.CreateConnectorAsync(silos[0].Http, Sequence($"scale-{i}", topic));
            }

            await WaitForSpreadAsync(silos, TasksEach * Connectors / 2);

            var clock = Stopwatch.StartNew();
            silos.Add(await SiloProcess.StartAsync(settings));
            await WaitForSpreadAsync(silos, TasksEach * Connectors / 3);
            figures.Add("scale-out", "rebalance_join_s", clock.Elapsed.TotalSeconds, "s");

            // Let every moved task write again, then pause all (graceful) and read the topics back.
            await Task.Delay(TimeSpan.FromSeconds(5));
            for (var i = 0; i < Connectors; i++)
            {
                await Rest.ExpectAsync(silos[0].Http, HttpMethod.Put, $"/connectors/scale-{i}/pause", System.Net.HttpStatusCode.Accepted);
                await Rest.WaitForStateAsync(silos[0].Http, $"scale-{i}", "PAUSED");
            }

            var (lost, duplicated, records) = Count(kafka, topics);
            figures.Note($"rebalance: 2 -> 3 silos, {Connectors} x {TasksEach} tasks: {records} records read back, {lost} sequence numbers lost, {duplicated} delivered twice");
            for (var i = 0; i < Connectors; i++)
            {
                await Rest.ExpectAsync(silos[0].Http, HttpMethod.Put, $"/connectors/scale-{i}/resume", System.Net.HttpStatusCode.Accepted);
            }

            await WaitForSpreadAsync(silos, TasksEach * Connectors / 3);
            var placed = await PlacementAsync(silos[0]);
            var hung = silos.Skip(1).MaxBy(s => placed.Count(w => w == s.WorkerId))!;
            var others = silos.Where(s => s != hung).ToList();
            clock.Restart();
            await hung.SignalAsync("STOP");
            try
            {
                await Eventually.HoldsAsync(
                    () => PlacementAsync(others[0]),
                    now => now.Count == Connectors * TasksEach && now.All(w => others.Any(s => s.WorkerId == w)),
                    now => $"after SIGSTOP of {hung.WorkerId}: tasks on {string.Join(", ", now)}",
                    TimeSpan.FromSeconds(120),
                    TimeSpan.FromMilliseconds(50));
                figures.Add("scale-out", "failover_hung_s", clock.Elapsed.TotalSeconds, "s");
            }
            finally
            {
                await hung.SignalAsync("CONT");
            }

            var exit = await hung.WaitForExitAsync(TimeSpan.FromSeconds(90));
            figures.Note($"hung silo: woken after its tasks moved, it exited with code {exit}");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static JsonNode Sequence(string name, string topic) => new JsonObject
    {
        ["name"] = name,
        ["config"] = new JsonObject
        {
            ["connector.class"] = "io.confluent.kafka.connect.datagen.DatagenConnector",
            ["kafka.topic"] = topic,
            ["quickstart"] = "sequence",
            ["max.interval"] = "20",
            ["iterations"] = "0",
            ["tasks.max"] = TasksEach.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>The worker of every task of every connector; RUNNING ones only.</summary>
    private static async Task<List<string>> PlacementAsync(SiloProcess silo)
    {
        var workers = new List<string>();
        for (var i = 0; i < Connectors; i++)
        {
            workers.AddRange((await ConnectClient.TasksAsync(silo.Http, $"scale-{i}")).Where(t => t.State == "RUNNING").Select(t => t.WorkerId));
        }

        return workers;
    }

    private static Task WaitForSpreadAsync(List<SiloProcess> silos, int perSilo) =>
        Eventually.HoldsAsync(
            () => PlacementAsync(silos[0]),
            now => now.Count == Connectors * TasksEach && silos.All(s => now.Count(w => w == s.WorkerId) == perSilo),
            now => $"expected {perSilo} RUNNING tasks on each of {string.Join(", ", silos.Select(s => s.WorkerId))}: {string.Join(", ", now)}",
            TimeSpan.FromSeconds(120),
            TimeSpan.FromMilliseconds(50));

    /// <summary>Reads the topics to their end: sequence numbers missing below each task's highest, and those seen twice.</summary>
    private static (int Lost, int Duplicated, int Records) Count(string kafka, List<string> topics)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka,
            GroupId = $"bench-count-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topics);
        var seen = new Dictionary<(string Topic, int Task), List<long>>();
        var idle = Stopwatch.StartNew();
        var records = 0;
        while (idle.Elapsed < TimeSpan.FromSeconds(5) || records == 0 && idle.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { IsPartitionEOF: false } result)
            {
                continue;
            }

            idle.Restart();
            records++;
            using var envelope = JsonDocument.Parse(result.Message.Value);
            var payload = envelope.RootElement.GetProperty("payload");
            var key = (result.Topic, payload.GetProperty("task").GetInt32());
            if (!seen.TryGetValue(key, out var list))
            {
                seen[key] = list = [];
            }

            list.Add(payload.GetProperty("seq").GetInt64());
        }

        consumer.Close();
        var lost = seen.Values.Sum(l => (int)(l.Max() + 1 - l.Distinct().Count()));
        var duplicated = seen.Values.Sum(l => l.Count - l.Distinct().Count());
        return (lost, duplicated, records);
    }
}
