using System.Diagnostics;

namespace OrleansConnect.IntegrationTests.Cluster;

/// <summary>
/// A silo that stops answering without dying (SIGSTOP: a hung process, a frozen VM, a cut network): the others declare
/// it dead, its tasks run again on them; when it wakes up it learns it was declared dead and stops itself.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HungSiloTests(PostgresFixture postgres)
{
    private const int SourceTasks = 6;

    [Fact]
    public async Task SigStop_OneOfThreeSilos_ItsTasksRunOnTheOthersAndItStopsWhenItWakes()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await using var cluster = new SiloCluster(await postgres.CreateDatabaseAsync(), kafka.BootstrapServers);
        await cluster.StartAsync(3);
        await Rest.CreateConnectorAsync(cluster.Http, SiloCluster.SequenceSource("seq", "seq", SourceTasks));
        await Rest.WaitForStateAsync(cluster.Http, "seq", "RUNNING");
        var tasks = await cluster.TasksAsync("seq");

        // Not the silo the test talks to.
        var hung = cluster.Silos.Skip(1).MaxBy(s => tasks.Values.Count(t => t.WorkerId == s.WorkerId))!;
        var survivors = cluster.Silos.Where(s => s != hung).Select(s => s.WorkerId).ToHashSet();
        var clock = Stopwatch.StartNew();
        await hung.SignalAsync("STOP");
        try
        {
            await Eventually.HoldsAsync(
                () => cluster.TasksAsync("seq"),
                now => now.Count == SourceTasks && now.Values.All(t => t.State == "RUNNING" && survivors.Contains(t.WorkerId)),
                now => $"after SIGSTOP of {hung.WorkerId}: {string.Join(", ", now)}",
                TimeSpan.FromSeconds(90));
            TestContext.Current.TestOutputHelper?.WriteLine($"SIGSTOP to all {SourceTasks} tasks RUNNING on survivors: {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await hung.SignalAsync("CONT");
        }

        // Declared dead while frozen, the silo shuts itself down once it runs again, instead of running its tasks twice.
        var exitCode = await hung.WaitForExitAsync(TimeSpan.FromSeconds(90));
        TestContext.Current.TestOutputHelper?.WriteLine($"the woken silo exited with {exitCode}");
        Assert.True(
            hung.Output.Contains("I have been told I am dead", StringComparison.Ordinal) || hung.Output.Contains("I should be Dead", StringComparison.Ordinal),
            $"the woken silo did not say it was declared dead:\n{hung.Output[^Math.Min(4000, hung.Output.Length)..]}");
        Assert.All((await cluster.TasksAsync("seq")).Values, t => Assert.Contains(t.WorkerId, survivors));
    }
}
