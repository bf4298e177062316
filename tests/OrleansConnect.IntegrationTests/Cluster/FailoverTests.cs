using System.Diagnostics;
using System.Net;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// Distributed mode end to end: three silo processes on one PostgreSQL and one embedded Kafka, a datagen
/// <c>sequence</c> source with six tasks feeding a file sink, so that the file proves there is no gap. The tasks end by
/// failing once they have written their records, as Confluent's datagen does, so the test also proves that a failing
/// task delivers its tail and commits its final offsets.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres)
{
    private const int SourceTasks = 6;

    // Per task, at about 100 records a second: long enough to still run after the kill and the move. The embedded Kafka
    // keeps at most 5 MB or 100,000 batches per partition and deletes the oldest beyond that, which a sink restarted
    // after the kill would skip. 6 x 3,000 records of about 400 bytes (the JSON envelope with its schema, three
    // headers, mostly one record a batch) over the topic's 4 partitions are about 4,500 batches and 2 MB a partition.
    private const int Iterations = 3_000;

    [Fact]
    public async Task KillNine_BusiestSilo_TasksRunAgainOnSurvivorsAndNoSequenceNumberIsLostAndFinalOffsetsCommit()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(3);
        await using var api = await cluster.StartApiHostAsync();
        var output = Path.Combine(Path.GetTempPath(), $"oc-failover-{Guid.NewGuid():N}.txt");
        await Rest.CreateConnectorAsync(api.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks, Iterations));
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

        // Every task writes again after the move, then fails once it has written its records; the sink drains.
        var failed = await Eventually.HoldsAsync(
            () => cluster.TasksAsync("seq", api.Http),
            now => now.Count == SourceTasks && now.Values.All(t => t.State == "FAILED"),
            now => $"tasks of seq, expected all FAILED after {Iterations} records: {string.Join(", ", now.Select(t => $"{t.Key}: {t.Value.State}"))}",
            TimeSpan.FromSeconds(240));
        Assert.All(failed.Values, t => Assert.Contains($"generated the configured {Iterations} number of messages", t.Trace, StringComparison.Ordinal));
        var missing = await Eventually.HoldsAsync(
            () => Task.FromResult(Missing(SiloCluster.ReadSequence(output))),
            m => m.Count == 0,
            m => $"sequence numbers missing in the sink file: {m.Count}, first {string.Join(", ", m.Take(5))}",
            TimeSpan.FromSeconds(90));
        Assert.Empty(missing);

        // The final offset commit of every failed task: its partition at its last record.
        using var offsets = await Rest.GetJsonAsync(api.Http, "/connectors/seq/offsets");
        var committed = offsets.RootElement.GetProperty("offsets").EnumerateArray().ToDictionary(
            o => o.GetProperty("partition").GetProperty("task.id").GetInt64(),
            o => o.GetProperty("offset").GetProperty("current.iteration").GetInt64());
        Assert.Equal(Enumerable.Range(0, SourceTasks).ToDictionary(t => (long)t, _ => (long)Iterations), committed);
        Assert.All(cluster.Silos.Append(api), s => Assert.DoesNotContain(postgres.Password, s.Output, StringComparison.Ordinal));
        File.Delete(output);
    }

    /// <summary>The (task, seq) pairs of every task's 0 to <see cref="Iterations"/> - 1 that the sink has not written.</summary>
    private static List<(int Task, long Seq)> Missing(List<(int Task, long Seq)> pairs)
    {
        var seen = pairs.ToHashSet();
        return [.. Enumerable.Range(0, SourceTasks).SelectMany(t => Enumerable.Range(0, Iterations).Select(i => (t, (long)i))).Where(p => !seen.Contains(p))];
    }
}
