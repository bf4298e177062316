using System.Diagnostics;
using OrleansConnect.Benchmarks.Plugins;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// Distributed mode: three silo processes on a PostgreSQL started here, a source with six tasks spread over them;
/// the silo running most of them is killed with SIGKILL and the clock runs until every task is RUNNING on a survivor.
/// </summary>
internal static class Failover
{
    private const int Tasks = 6;

    public static async Task RunAsync(Figures figures, string[] siloSettings)
    {
        if (!PostgresServer.IsInstalled)
        {
            figures.Note("failover_s not measured: no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; apt-get install postgresql");
            return;
        }

        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var database = await postgres.CreateDatabaseAsync();
        var silos = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SiloProcess.StartAsync(
            [.. siloSettings, $"--ConnectionStrings:PostgreSQL={database}", "--Orleans:AdvertisedIPAddress=127.0.0.1"])))).ToList();
        try
        {
            await ConnectClient.CreateAsync(silos[0].Http, "failover", new Dictionary<string, string>
            {
                ["connector.class"] = typeof(BenchSourceConnector).FullName!,
                ["tasks.max"] = Tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [BenchSourceConnector.TopicConfig] = "failover",
                ["key.converter"] = Pipelines.ByteArrayConverter,
                ["value.converter"] = Pipelines.ByteArrayConverter,
            });
            await ConnectClient.WaitForRunningAsync(silos[0].Http, "failover", Tasks, TimeSpan.FromSeconds(60));
            var tasks = await ConnectClient.TasksAsync(silos[0].Http, "failover");
            var busiest = silos.MaxBy(s => tasks.Count(t => t.WorkerId == s.WorkerId))!;
            var survivors = silos.Where(s => s != busiest).ToList();
            var clock = Stopwatch.StartNew();
            busiest.Kill();
            await ConnectClient.WaitForRunningAsync(survivors[0].Http, "failover", Tasks, TimeSpan.FromSeconds(120), survivors.Select(s => s.WorkerId).ToHashSet());
            figures.Add("failover", "failover_s", clock.Elapsed.TotalSeconds, "s");
            figures.Note($"failover: {tasks.Count(t => t.WorkerId == busiest.WorkerId)} of {Tasks} tasks were on the killed silo");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
