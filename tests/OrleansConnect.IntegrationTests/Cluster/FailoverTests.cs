using System.Diagnostics;
using System.Net;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// Distributed mode end to end: three silo processes on one PostgreSQL and one embedded Kafka, a datagen
/// <c>sequence</c> source with six tasks feeding a file sink, so that the file proves there is no gap.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres)
{
    private const int SourceTasks = 6;

    [Fact]
    public async Task KillNine_BusiestSilo_TasksRunAgainOnSurvivorsAndNoSequenceNumberIsLost()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(3);
        await using var api = await cluster.StartApiHostAsync();
        var output = Path.Combine(Path.GetTempPath(), $"oc-failover-{Guid.NewGuid():N}.txt");
        await Rest.CreateConnectorAsync(api.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks));
        await Rest.CreateConnectorAsync(api.Http, Examples.FileSink("seq-sink", output, "seq"));
        await Rest.WaitForStateAsync(api.Http, "seq", "RUNNING");
        await Rest.WaitForStateAsync(api.Http, "seq-sink", "RUNNING");

        // The separate API host and the API on every silo answer the same; the tasks run on more than one silo.
        var tasks = await cluster.TasksAsync("seq", api.Http);
        Assert.True(tasks.Values.Select(t => t.WorkerId).Distinct().Count() > 1, $"all tasks on one silo: {string.Join(", ", tasks)}");
        Assert.Equal(3, cluster.Silos.Select(s => s.WorkerId).Distinct().Count());
        Assert.Subset(cluster.Silos.Select(s => s.WorkerId).ToHashSet(), tasks.Values.Select(t => t.WorkerId).ToHashSet());
        foreach (var silo in cluster.Silos)
        {
            Assert.Equal(tasks, await cluster.TasksAsync("seq", silo.Http));
        }

        await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => pairs.Select(p => p.Task).Distinct().Count() == SourceTasks,
            pairs => $"{pairs.Count} records in the sink file, not yet from every task",
            TimeSpan.FromSeconds(60));

        var busiest = cluster.Silos.MaxBy(s => tasks.Values.Count(t => t.WorkerId == s.WorkerId))!;
        var survivors = cluster.Silos.Where(s => s != busiest).Select(s => s.WorkerId).ToHashSet();
        var clock = Stopwatch.StartNew();
        cluster.Kill(busiest);
        await Eventually.HoldsAsync(
            () => cluster.TasksAsync("seq", api.Http),
            now => now.Count == SourceTasks && now.Values.All(t => t.State == "RUNNING" && survivors.Contains(t.WorkerId)),
            now => $"after kill -9 of {busiest.WorkerId}: {string.Join(", ", now)}",
            TimeSpan.FromSeconds(90));
        TestContext.Current.TestOutputHelper?.WriteLine($"kill -9 to all {SourceTasks} tasks RUNNING on survivors: {clock.Elapsed.TotalSeconds:F1} s");

        // Every task writes again after the move, then the source stops and the sink drains.
        var atKill = SiloCluster.ReadSequence(output).GroupBy(p => p.Task).ToDictionary(g => g.Key, g => g.Max(p => p.Seq));
        await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => atKill.All(k => pairs.Any(p => p.Task == k.Key && p.Seq > k.Value + 20)),
            pairs => $"not every task has advanced since the kill; {pairs.Count} records",
            TimeSpan.FromSeconds(90));
        await Rest.ExpectAsync(cluster.Http, HttpMethod.Put, "/connectors/seq/pause", HttpStatusCode.Accepted);
        await Rest.WaitForStateAsync(cluster.Http, "seq", "PAUSED");
        var gaps = await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.Gaps(SiloCluster.ReadSequence(output))),
            g => g.Count == SourceTasks && g.Values.All(missing => missing.Count == 0),
            g => "gaps per task: " + string.Join("; ", g.Select(t => $"{t.Key}: {t.Value.Count} missing, first {string.Join(',', t.Value.Take(5))}")),
            TimeSpan.FromSeconds(60));
        Assert.All(gaps.Values, Assert.Empty);
        Assert.All(cluster.Silos.Append(api), s => Assert.DoesNotContain(postgres.Password, s.Output, StringComparison.Ordinal));
        File.Delete(output);
    }
}
