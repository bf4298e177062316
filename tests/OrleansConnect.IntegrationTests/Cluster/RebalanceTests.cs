using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// Tasks spread over a silo that joins: two silos run a six-task datagen <c>sequence</c> source into a file sink; a
/// third silo starts; the cluster moves tasks to it until each silo runs its share, and the moved tasks stop
/// gracefully and resume from their committed offsets, so the sink sees every sequence number exactly once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RebalanceTests(PostgresFixture postgres)
{
    private const int SourceTasks = 6;

    [Fact]
    public async Task SiloJoins_RunningTasksMoveToItUntilBalanced_WithoutLossOrDuplicate()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(2);
        var output = await StartPipelineAsync(cluster);
        var before = (await cluster.TasksAsync("seq")).Values.Append((await cluster.TasksAsync("seq-sink"))[0]).ToList();

        var clock = Stopwatch.StartNew();
        await cluster.StartAsync(1);
        var joined = cluster.Silos[^1].WorkerId;
        var balanced = await WaitUntilBalancedAsync(cluster);
        TestContext.Current.TestOutputHelper?.WriteLine($"third silo ready to balanced: {clock.Elapsed.TotalSeconds:F1} s");

        // Two of the seven tasks moved, both to the new silo: the old silos were balanced (4 and 3) and each gives
        // what it runs above its new share; no other task changed silo.
        var after = balanced.Values.Append((await cluster.TasksAsync("seq-sink"))[0]).ToList();
        Assert.Equal(2, after.Count(t => t.WorkerId == joined));
        Assert.Equal(2, before.Zip(after).Count(p => p.First.WorkerId != p.Second.WorkerId));
        await AssertEveryNumberOnceAsync(cluster, output, balanced);
    }

    [Fact]
    public async Task SiloJoins_AutomaticRebalanceOff_TasksStayUntilRebalanceIsAskedFor()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(2, "--OrleansConnect:Rebalance=false");
        var output = await StartPipelineAsync(cluster);
        await cluster.StartAsync(1, "--OrleansConnect:Rebalance=false");
        var joined = cluster.Silos[^1].WorkerId;

        // The supervisors have seen the join (a few intervals) and moved nothing.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(await cluster.TasksAsync("seq"), t => t.Value.WorkerId == joined);

        var (status, body) = await Rest.SendAsync(cluster.Http, HttpMethod.Post, "/admin/rebalance");
        Assert.True(status == HttpStatusCode.OK, $"POST /admin/rebalance: {(int)status} {body}");
        using var answer = JsonDocument.Parse(body);
        var moved = answer.RootElement.GetProperty("moved").EnumerateArray().ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, m => Assert.Equal(joined, m.GetProperty("to").GetString()));

        var balanced = await WaitUntilBalancedAsync(cluster);
        await AssertEveryNumberOnceAsync(cluster, output, balanced);

        // Balanced: asking again moves nothing.
        (status, body) = await Rest.SendAsync(cluster.Http, HttpMethod.Post, "/admin/rebalance");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"moved":[]}""", body);
    }

    /// <summary>The six-task source and a file sink, running, with records from every task in the file.</summary>
    private static async Task<string> StartPipelineAsync(SiloCluster cluster)
    {
        var output = Path.Combine(Path.GetTempPath(), $"oc-rebalance-{Guid.NewGuid():N}.txt");
        await Rest.CreateConnectorAsync(cluster.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks));
        var sink = Examples.FileSink("seq-sink", output, "seq");

        // The embedded Kafka lets a new group member in only after the old member's session timeout: keep it short
        // for a sink that moves.
        sink["config"]!["consumer.override.session.timeout.ms"] = "6000";
        sink["config"]!["consumer.override.heartbeat.interval.ms"] = "1000";
        await Rest.CreateConnectorAsync(cluster.Http, sink);
        await Rest.WaitForStateAsync(cluster.Http, "seq", "RUNNING");
        await Rest.WaitForStateAsync(cluster.Http, "seq-sink", "RUNNING");
        await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => pairs.Select(p => p.Task).Distinct().Count() == SourceTasks,
            pairs => $"{pairs.Count} records in the sink file, not yet from every task",
            TimeSpan.FromSeconds(60));
        return output;
    }

    /// <summary>
    /// Waits until the source's and the sink's tasks (seven) are RUNNING and every silo runs its share of them: two or
    /// three on three silos. Answers the source's tasks.
    /// </summary>
    private static async Task<Dictionary<int, (string State, string WorkerId, string? Trace)>> WaitUntilBalancedAsync(SiloCluster cluster)
    {
        var (share, extra) = ((SourceTasks + 1) / cluster.Silos.Count, (SourceTasks + 1) % cluster.Silos.Count);
        var all = await Eventually.HoldsAsync(
            async () => (await cluster.TasksAsync("seq")).Values.Concat((await cluster.TasksAsync("seq-sink")).Values).ToList(),
            now => now.Count == SourceTasks + 1 && now.All(t => t.State == "RUNNING")
                && cluster.Silos.All(s => now.Count(t => t.WorkerId == s.WorkerId) is var n && n >= share && n <= share + (extra > 0 ? 1 : 0)),
            now => $"expected {share} or {share + 1} tasks RUNNING on each of {string.Join(", ", cluster.Silos.Select(s => s.WorkerId))}: {string.Join(", ", now)}",
            TimeSpan.FromSeconds(90));
        return await cluster.TasksAsync("seq");
    }

    /// <summary>Every task advances after the moves; then, the source paused and the sink drained, no number is missing or repeated.</summary>
    private static async Task AssertEveryNumberOnceAsync(SiloCluster cluster, string output, Dictionary<int, (string State, string WorkerId, string? Trace)> tasks)
    {
        var atMove = SiloCluster.ReadSequence(output).GroupBy(p => p.Task).ToDictionary(g => g.Key, g => g.Max(p => p.Seq));
        await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => atMove.All(k => pairs.Any(p => p.Task == k.Key && p.Seq > k.Value + 20)),
            pairs => $"not every task has advanced since the rebalance; {pairs.Count} records; tasks {string.Join(", ", tasks)}",
            TimeSpan.FromSeconds(90));
        var pairs = await cluster.PauseAndDrainWithoutGapAsync("seq", output, SourceTasks);
        var duplicates = pairs.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} records delivered twice, first {string.Join(", ", duplicates.Take(5))}");
        File.Delete(output);
    }
}
