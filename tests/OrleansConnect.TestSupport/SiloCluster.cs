using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansConnect.TestSupport;

/// <summary>
/// Silo processes of one cluster on one PostgreSQL database and one shared embedded Kafka, each with its own ports,
/// as a user runs several silos on one machine.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _kafka;

    public SiloCluster(string connectionString, string kafkaBootstrapServers)
    {
        _connectionString = connectionString;
        _kafka = kafkaBootstrapServers;
    }

    public List<SiloProcess> Silos { get; } = [];

    /// <summary>Any silo still running, for REST calls.</summary>
    public HttpClient Http => Silos[0].Http;

    /// <summary>Starts silos that join the cluster, with the cluster's settings and <paramref name="settings"/>.</summary>
    public async Task StartAsync(int count, params string[] settings)
    {
        var started = Enumerable.Range(0, count).Select(_ => new SiloProcess([
            $"--ConnectionStrings:PostgreSQL={_connectionString}",
            $"--Kafka:BootstrapServers={_kafka}",
            "--Orleans:AdvertisedIPAddress=127.0.0.1",
            "--OrleansConnect:SupervisorIntervalMs=1000",
            "--Logging:LogLevel:Orleans=Information",
            .. settings])).ToList();
        await Task.WhenAll(started.Select(s => s.InitializeAsync().AsTask()));
        Silos.AddRange(started);
    }

    /// <summary>Starts the separate API host as a client of this cluster (gateways found in the PostgreSQL membership table).</summary>
    public async Task<SiloProcess> StartApiHostAsync()
    {
        var api = SiloProcess.ApiHost($"--ConnectionStrings:PostgreSQL={_connectionString}");
        await api.InitializeAsync();
        return api;
    }

    /// <summary>Kills a silo with SIGKILL and forgets it.</summary>
    public void Kill(SiloProcess silo)
    {
        silo.Kill();
        Silos.Remove(silo);
    }

    /// <summary>Stops a silo with SIGTERM, waits until it has exited (60 s unless told), and forgets it.</summary>
    public async Task StopAsync(SiloProcess silo, TimeSpan? timeout = null)
    {
        Silos.Remove(silo);
        await silo.StopAsync(timeout);
        await silo.DisposeAsync();
    }

    /// <summary>Stops every silo with SIGTERM, all at once, as a full shutdown of the cluster.</summary>
    public async Task StopAllAsync()
    {
        await Task.WhenAll(Silos.Select(s => s.StopAsync()));
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        Silos.Clear();
    }

    /// <summary>
    /// The state, worker and failure trace each task of the connector reports, by task id; empty while the cluster answers 503
    /// (a silo just died and its grains are moving).
    /// </summary>
    /// <param name="connector">The connector.</param>
    /// <param name="http">The REST endpoint to ask; by default the first silo.</param>
    public async Task<Dictionary<int, (string State, string WorkerId, string? Trace)>> TasksAsync(string connector, HttpClient? http = null)
    {
        var (status, body) = await Rest.SendAsync(http ?? Http, HttpMethod.Get, $"/connectors/{connector}/status");
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            return [];
        }

        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /connectors/{connector}/status: {(int)status} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(
            t => t.GetProperty("id").GetInt32(),
            t => (t.GetProperty("state").GetString()!, t.GetProperty("worker_id").GetString()!,
                t.TryGetProperty("trace", out var trace) ? trace.GetString() : null));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>
    /// A datagen <c>sequence</c> source: each task writes about 1000 / (<paramref name="maxIntervalMs"/> / 2) records a
    /// second; with <paramref name="iterations"/> above 0 a task fails once it has written that many, as Confluent's
    /// datagen does. The topic is auto-created by the embedded Kafka of another process with its default 4 partitions,
    /// over which the records spread by key (the sequence number).
    /// </summary>
    public static JsonNode SequenceSource(string name, string topic, int tasks, int iterations = 0, int maxIntervalMs = 20) => new JsonObject
    {
        ["name"] = name,
        ["config"] = new JsonObject
        {
            ["connector.class"] = "io.confluent.kafka.connect.datagen.DatagenConnector",
            ["kafka.topic"] = topic,
            ["quickstart"] = "sequence",
            ["max.interval"] = maxIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["iterations"] = iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>
    /// The (task, seq) pairs of a file the sequence source's records were written to: one JsonConverter envelope a
    /// line (the sink reads them with the StringConverter). A last line the sink is still writing is skipped.
    /// </summary>
    public static List<(int Task, long Seq)> ReadSequence(string file)
    {
        var pairs = new List<(int, long)>();
        if (!File.Exists(file))
        {
            return pairs;
        }

        foreach (var line in File.ReadAllLines(file))
        {
            try
            {
                using var envelope = JsonDocument.Parse(line);
                var value = envelope.RootElement.GetProperty("payload");
                pairs.Add((value.GetProperty("task").GetInt32(), value.GetProperty("seq").GetInt64()));
            }
            catch (JsonException)
            {
            }
        }

        return pairs;
    }

    /// <summary>
    /// Pauses a <see cref="SequenceSource"/> connector and waits until the sink has drained: every one of its
    /// <paramref name="tasks"/> tasks' numbers in <paramref name="file"/> from 0 without a gap (the no-loss check of
    /// the failover, rebalance, restart and outage tests). Answers the pairs in the file then, for a duplicate check.
    /// </summary>
    public async Task<List<(int Task, long Seq)>> PauseAndDrainWithoutGapAsync(string source, string file, int tasks)
    {
        await Rest.ExpectAsync(Http, HttpMethod.Put, $"/connectors/{source}/pause", HttpStatusCode.Accepted);
        await Rest.WaitForStateAsync(Http, source, "PAUSED");
        return await Eventually.HoldsAsync(
            () => Task.FromResult(ReadSequence(file)),
            p => Gaps(p) is var gaps && gaps.Count == tasks && gaps.Values.All(missing => missing.Count == 0),
            p => $"{source} paused, its records in {file} by task, gaps: " + string.Join(
                "; ", Gaps(p).Select(t => $"{t.Key}: {t.Value.Count} missing, first {string.Join(',', t.Value.Take(5))}")),
            TimeSpan.FromSeconds(60));
    }

    /// <summary>For each task, the sequence numbers missing between 0 and the highest one seen.</summary>
    public static Dictionary<int, List<long>> Gaps(IEnumerable<(int Task, long Seq)> pairs) =>
        pairs.GroupBy(p => p.Task).ToDictionary(
            g => g.Key,
            g =>
            {
                var seen = g.Select(p => p.Seq).ToHashSet();
                var max = seen.Max();
                var missing = new List<long>();
                for (long s = 0; s <= max; s++)
                {
                    if (!seen.Contains(s))
                    {
                        missing.Add(s);
                    }
                }

                return missing;
            });
}
