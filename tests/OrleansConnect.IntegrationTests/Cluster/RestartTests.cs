using System.Net;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// Graceful restarts of a three-silo cluster on PostgreSQL: silos stopped with SIGTERM flush and commit, so a source
/// resumes where it stopped and a sink where it stopped writing: no sequence number missing, none written twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RestartTests(PostgresFixture postgres)
{
    private const int SourceTasks = 3;

    // About 20 records a second per task (max.interval 100 ms), unlimited: 60 records of about 400 bytes a second over
    // the topic's 4 partitions take some 14 minutes to reach the 5 MB per partition the embedded Kafka keeps before it
    // deletes the oldest, well beyond these tests' few minutes.
    private const int MaxIntervalMs = 100;

    // "Nothing written twice" holds for stops that finish: a task whose stop outlasts task.shutdown.graceful.timeout.ms
    // (5 s by default) is abandoned without its final commit, as in Kafka, and its records since the last commit come
    // again (at least once). On this 2-core machine with builds running beside the tests, a sink's stop took longer
    // than 5 s (80 records written twice), so the silos here get 20 s.
    private static readonly string[] Settings = ["--OrleansConnect:TaskShutdownGracefulTimeoutMs=20000"];

    [Fact]
    public async Task FullRestart_EverySiloStoppedAndStarted_ConnectorsComeBackInTheirStatesAndResumeWithoutGapOrDuplicate()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(3, Settings);
        var output = await StartPipelineAsync(cluster);
        await Rest.CreateConnectorAsync(cluster.Http, SiloCluster.SequenceSource("idle", "idle", 2));
        await Rest.WaitForStateAsync(cluster.Http, "idle", "RUNNING");
        await Rest.ExpectAsync(cluster.Http, HttpMethod.Put, "/connectors/idle/pause", HttpStatusCode.Accepted);
        await Rest.WaitForStateAsync(cluster.Http, "idle", "PAUSED");
        var unwritable = Path.Combine(Path.GetTempPath(), $"oc-missing-{Guid.NewGuid():N}", "out.txt");
        await Rest.CreateConnectorAsync(cluster.Http, Examples.FileSink("broken", unwritable, "seq"));
        var failed = await WaitForFailedTaskAsync(cluster, "broken");
        await WaitForProgressAsync(output);

        await cluster.StopAllAsync();
        var beforeRestart = SiloCluster.ReadSequence(output);
        await cluster.StartAsync(3, Settings);

        await Rest.WaitForStateAsync(cluster.Http, "idle", "PAUSED");
        Assert.Equal(failed, await WaitForFailedTaskAsync(cluster, "broken"));
        await Rest.WaitForStateAsync(cluster.Http, "seq", "RUNNING");
        await AssertResumedWithoutGapOrDuplicateAsync(cluster, output, beforeRestart);
    }

    [Fact]
    public async Task RollingRestart_OneSiloAtATime_NothingLostNothingDuplicated()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(3, Settings);
        var output = await StartPipelineAsync(cluster);
        await WaitForProgressAsync(output);
        var before = SiloCluster.ReadSequence(output);

        // Replace each of the original silos in turn, as a Deployment's rolling update does: a new one starts, an
        // old one is stopped with SIGTERM; the REST client follows whichever silo is still up.
        foreach (var old in cluster.Silos.ToList())
        {
            await cluster.StartAsync(1, Settings);
            await cluster.StopAsync(old);
            await Eventually.HoldsAsync(
                () => cluster.TasksAsync("seq"),
                now => now.Count == SourceTasks && now.Values.All(t => t.State == "RUNNING" && t.WorkerId != old.WorkerId),
                now => $"after stopping {old.WorkerId}: {string.Join(", ", now)}",
                TimeSpan.FromSeconds(60));
        }

        await AssertResumedWithoutGapOrDuplicateAsync(cluster, output, before);
    }

    /// <summary>A sequence source with <see cref="SourceTasks"/> tasks feeding a file sink; returns the sink's file.</summary>
    private static async Task<string> StartPipelineAsync(SiloCluster cluster)
    {
        var output = Path.Combine(Path.GetTempPath(), $"oc-restart-{Guid.NewGuid():N}.txt");
        await Rest.CreateConnectorAsync(cluster.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks, maxIntervalMs: MaxIntervalMs));
        await Rest.CreateConnectorAsync(cluster.Http, Examples.FileSink("seq-sink", output, "seq"));
        await Rest.WaitForStateAsync(cluster.Http, "seq", "RUNNING");
        await Rest.WaitForStateAsync(cluster.Http, "seq-sink", "RUNNING");
        return output;
    }

    private static Task WaitForProgressAsync(string output) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => pairs.Select(p => p.Task).Distinct().Count() == SourceTasks && pairs.Count > 300,
            pairs => $"{pairs.Count} records in the sink file, not yet from every task",
            TimeSpan.FromSeconds(60));

    /// <summary>Waits for the connector's only task to be FAILED and returns its trace's first line.</summary>
    private static async Task<string> WaitForFailedTaskAsync(SiloCluster cluster, string connector)
    {
        var tasks = await Eventually.HoldsAsync(
            () => cluster.TasksAsync(connector),
            now => now.Count == 1 && now[0].State == "FAILED" && !string.IsNullOrEmpty(now[0].Trace),
            now => $"{connector} tasks: {string.Join(", ", now)}",
            TimeSpan.FromSeconds(60));
        return tasks[0].Trace!.Split('\n')[0];
    }

    /// <summary>
    /// Lets every task of the source write well past where it was, pauses it, waits until the sink has drained, and
    /// checks that each task's numbers run from 0 without a gap and that no number was written twice.
    /// </summary>
    private static async Task AssertResumedWithoutGapOrDuplicateAsync(SiloCluster cluster, string output, List<(int Task, long Seq)> before)
    {
        var highest = before.GroupBy(p => p.Task).ToDictionary(g => g.Key, g => g.Max(p => p.Seq));
        await Eventually.HoldsAsync(
            () => Task.FromResult(SiloCluster.ReadSequence(output)),
            pairs => highest.All(h => pairs.Any(p => p.Task == h.Key && p.Seq > h.Value + 20)),
            pairs => $"not every task has advanced since the restart; {pairs.Count} records",
            TimeSpan.FromSeconds(90));
        var pairs = await cluster.PauseAndDrainWithoutGapAsync("seq", output, SourceTasks);
        var duplicates = pairs.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} records written twice, first {string.Join(", ", duplicates.Take(5))}");
        File.Delete(output);
    }
}
