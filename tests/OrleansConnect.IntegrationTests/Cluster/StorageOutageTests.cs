using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// PostgreSQL stopped under a running two-silo cluster: the outage is the cluster's failure, not the tasks'. Tasks keep
/// running (their offsets stay pending and land once PostgreSQL is back), REST writes answer 503, a silo still shuts
/// down. The server is this class's own: stopping it must not disturb the tests of <see cref="PostgresCollection"/>.
/// </summary>
public sealed class StorageOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int SourceTasks = 2;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostgresStopped_ThirtySecondsUnderRunningPipeline_NoTaskFailsNoRecordLostOffsetsCommittedAfter()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(2);
        var output = await StartPipelineAsync(cluster);

        await postgres.StopAsync();
        var failed = new List<string>();
        var clock = Stopwatch.StartNew();
        (HttpStatusCode Status, string Body) create = default, pause = default;
        Dictionary<int, long>? beforeOutage = null;
        while (clock.Elapsed < Outage)
        {
            if (beforeOutage is null && clock.Elapsed > TimeSpan.FromSeconds(2))
            {
                // What storage holds from before the outage (a commit racing the stop has landed or failed by now).
                beforeOutage = await CommittedIterationsAsync(cluster);
            }

            // Every silo answers status from its grains' memory; no task may ever show FAILED.
            foreach (var silo in cluster.Silos)
            {
                foreach (var (id, task) in await cluster.TasksAsync("seq", silo.Http))
                {
                    if (task.State == "FAILED")
                    {
                        failed.Add($"seq-{id} at {clock.Elapsed.TotalSeconds:F0} s: {task.Trace}");
                    }
                }
            }

            if (create == default && clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                create = await Rest.SendAsync(cluster.Http, HttpMethod.Post, "/connectors", SiloCluster.SequenceSource("during-outage", "other", 1).ToJsonString());
                pause = await Rest.SendAsync(cluster.Silos[^1].Http, HttpMethod.Put, "/connectors/seq/pause");
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var duringOutage = SiloCluster.ReadSequence(output).GroupBy(p => p.Task).ToDictionary(g => g.Key, g => g.Max(p => p.Seq));
        var committedDuringOutage = await CommittedIterationsAsync(cluster);
        await postgres.StartAsync();

        Assert.True(failed.Count == 0, "tasks FAILED during the outage: " + string.Join(" | ", failed));
        AssertServiceUnavailable("POST /connectors", create);
        AssertServiceUnavailable("PUT /connectors/seq/pause", pause);

        // Nothing was committed while storage was down (a write that failed is not shown as committed either)...
        Assert.Equal(beforeOutage, committedDuringOutage);

        // ...and once it is back, the offsets kept pending land: each task's committed position passes every record
        // it wrote during the outage, while the source keeps running (the pause that answered 503 did not apply).
        await Eventually.HoldsAsync(
            () => CommittedIterationsAsync(cluster),
            now => duringOutage.All(d => now.TryGetValue(d.Key, out var committed) && committed > d.Value + 1),
            now => $"seq offsets after the outage: {Describe(now)}; records seen during it: {Describe(duringOutage)}",
            TimeSpan.FromSeconds(90));
        var tasks = await cluster.TasksAsync("seq");
        Assert.True(tasks.Count == SourceTasks && tasks.Values.All(t => t.State == "RUNNING"), $"seq tasks after the outage: {string.Join(", ", tasks)}");
        await AssertNoGapAsync(cluster, output);
        Assert.Contains(cluster.Silos, s => s.Output.Contains("ClusterStorageException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SiloStoppedGracefully_WhilePostgresIsDown_ExitsAndTheOtherSiloTakesItsTasksOnceBack()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(2);
        var output = await StartPipelineAsync(cluster);
        var leaving = cluster.Silos[0];
        var staying = cluster.Silos[1];

        await postgres.StopAsync();
        try
        {
            // Bounded by what docs/operations.md asks a platform to allow for a graceful stop: the task stop timeout, the
            // offset flush timeout and 30 s (SiloCluster's silos run on the defaults of both).
            var clock = Stopwatch.StartNew();
            await cluster.StopAsync(leaving, TimeSpan.FromSeconds(5 + 5 + 30));
            TestContext.Current.TestOutputHelper?.WriteLine($"SIGTERM to exit with PostgreSQL down: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(leaving.ExitCode == 0, $"silo {leaving.WorkerId} exited with {leaving.ExitCode}:\n{Tail(leaving.Output)}");
        }
        finally
        {
            await postgres.StartAsync();
        }

        await Eventually.HoldsAsync(
            () => cluster.TasksAsync("seq", staying.Http),
            now => now.Count == SourceTasks && now.Values.All(t => t.State == "RUNNING" && t.WorkerId == staying.WorkerId),
            now => $"seq tasks after {leaving.WorkerId} left during the outage: {string.Join(", ", now)}",
            TimeSpan.FromSeconds(90));
        await AssertNoGapAsync(cluster, output);
    }

    /// <summary>A sequence source with <see cref="SourceTasks"/> tasks feeding a file sink, with records from every task.</summary>
    private static async Task<string> StartPipelineAsync(SiloCluster cluster)
    {
        var output = Path.Combine(Path.GetTempPath(), $"oc-outage-{Guid.NewGuid():N}.txt");
        await Rest.CreateConnectorAsync(cluster.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks));
        await Rest.CreateConnectorAsync(cluster.Http, Examples.FileSink("seq-sink", output, "seq"));
        await Rest.WaitForStateAsync(cluster.Http, "seq", "RUNNING");
        await Rest.WaitForStateAsync(cluster.Http, "seq-sink", "RUNNING");
        var tasks = await cluster.TasksAsync("seq");
        Assert.True(tasks.Values.Select(t => t.WorkerId).Distinct().Count() == 2, $"seq tasks not on both silos: {string.Join(", ", tasks)}");
        await Eventually.HoldsAsync(
            () => CommittedIterationsAsync(cluster),
            now => now.Count == SourceTasks,
            now => $"seq offsets committed so far: {Describe(now)}",
            TimeSpan.FromSeconds(60));
        return output;
    }

    /// <summary>Each task's committed <c>current.iteration</c> (the datagen offset), as <c>GET /connectors/seq/offsets</c> shows it.</summary>
    private static async Task<Dictionary<int, long>> CommittedIterationsAsync(SiloCluster cluster)
    {
        using var offsets = await Rest.GetJsonAsync(cluster.Http, "/connectors/seq/offsets");
        return offsets.RootElement.GetProperty("offsets").EnumerateArray().ToDictionary(
            o => o.GetProperty("partition").GetProperty("task.id").GetInt32(),
            o => o.GetProperty("offset").GetProperty("current.iteration").GetInt64());
    }

    /// <summary>Pauses the source, waits for the sink to drain and checks every task's numbers run from 0 without a gap.</summary>
    private static async Task AssertNoGapAsync(SiloCluster cluster, string output)
    {
        await cluster.PauseAndDrainWithoutGapAsync("seq", output, SourceTasks);
        File.Delete(output);
    }

    /// <summary>503 with Kafka's error body, whose <c>error_code</c> is the status.</summary>
    private static void AssertServiceUnavailable(string request, (HttpStatusCode Status, string Body) response)
    {
        Assert.True(response.Status == HttpStatusCode.ServiceUnavailable, $"{request} during the outage: {(int)response.Status} {response.Body}");
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(503, body.RootElement.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()), $"{request}: {response.Body}");
    }

    private static string Describe(Dictionary<int, long> perTask) => string.Join(", ", perTask.OrderBy(p => p.Key).Select(p => $"task {p.Key}: {p.Value}"));

    private static string Tail(string output) => output.Length > 4000 ? output[^4000..] : output;
}
