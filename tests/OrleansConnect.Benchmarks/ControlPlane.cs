using System.Diagnostics;
using System.Globalization;
using OrleansConnect.Benchmarks.Plugins;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// A fresh silo: start to ready and idle memory; then connectors created one at a time, each timed from
/// <c>POST /connectors</c> until its task is RUNNING; memory with them all running idle; and status reads under
/// many concurrent requests.
/// </summary>
internal static class ControlPlane
{
    private const string Footprint = "footprint";
    private const string Control = "control plane";

    public static async Task RunAsync(Figures figures, BenchmarkSettings settings, string[] siloSettings)
    {
        await MeasureAsync(figures, settings, siloSettings);

        // Not a target, a diagnosis: the silo is an ASP.NET Core app, which runs the server GC by default; the same
        // idle silo with the workstation GC shows how much of its memory is the collector's choice.
        await using var workstation = await SiloProcess.StartAsync(siloSettings, new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });
        await Task.Delay(settings.Settle);
        figures.Add(Footprint, "idle_rss_workstation_gc_mb", workstation.ResidentMegabytes(), "MB");

        // And without the Orleans dashboard (OrleansConnect:Dashboard=false), whose statistics are most of the rest.
        await using var bare = await SiloProcess.StartAsync(siloSettings, new Dictionary<string, string> { ["OrleansConnect__Dashboard"] = "false" });
        await Task.Delay(settings.Settle);
        figures.Add(Footprint, "idle_rss_no_dashboard_mb", bare.ResidentMegabytes(), "MB");
    }

    private static async Task MeasureAsync(Figures figures, BenchmarkSettings settings, string[] siloSettings)
    {
        await using var silo = await SiloProcess.StartAsync(siloSettings);
        figures.Add(Footprint, "start_to_ready_s", silo.StartToReady.TotalSeconds, "s", "< 3 s", v => v < 3);
        await Task.Delay(settings.Settle);
        var idle = silo.ResidentMegabytes();
        figures.Add(Footprint, "idle_rss_mb", idle, "MB", "< 150 MB", v => v < 150);

        var createToRunning = new List<double>();
        for (var i = 0; i < settings.Connectors; i++)
        {
            var name = $"idle-{i}";
            var clock = Stopwatch.StartNew();
            await ConnectClient.CreateAsync(silo.Http, name, new Dictionary<string, string>
            {
                ["connector.class"] = typeof(BenchSourceConnector).FullName!,
                ["tasks.max"] = "1",
                [BenchSourceConnector.TopicConfig] = "idle",
                ["key.converter"] = Pipelines.ByteArrayConverter,
                ["value.converter"] = Pipelines.ByteArrayConverter,
            });
            await ConnectClient.WaitForRunningAsync(silo.Http, name, 1, TimeSpan.FromSeconds(60), interval: TimeSpan.FromMilliseconds(2));
            createToRunning.Add(clock.Elapsed.TotalMilliseconds);
        }

        figures.Add(Control, "create_to_running_p50_ms", Measure.Percentile(createToRunning, 50), "ms", "< 100 ms", v => v < 100);
        figures.Add(Control, "create_to_running_p99_ms", Measure.Percentile(createToRunning, 99), "ms");

        await Task.Delay(settings.Settle);
        var loaded = silo.ResidentMegabytes();
        figures.Add(Footprint, "rss_idle_connectors_mb", loaded, "MB");
        figures.Add(Footprint, "rss_per_task_mb", Math.Max(0, loaded - idle) / settings.Connectors, "MB");
        if (settings.Connectors != 100)
        {
            figures.Note($"{settings.Connectors} idle connectors in this mode, not 100");
        }

        var latencies = await StatusUnderLoadAsync(silo, settings);
        figures.Add(Control, "status_p50_ms", Measure.Percentile(latencies, 50), "ms");
        figures.Add(Control, "status_p99_ms", Measure.Percentile(latencies, 99), "ms");
    }

    /// <summary><c>GET /connectors/{name}/status</c> from many concurrent clients, each timed.</summary>
    private static async Task<List<double>> StatusUnderLoadAsync(SiloProcess silo, BenchmarkSettings settings)
    {
        var latencies = new List<double>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, settings.StatusConcurrency),
            new ParallelOptions { MaxDegreeOfParallelism = settings.StatusConcurrency },
            async (client, _) =>
            {
                for (var i = 0; i < settings.StatusRequestsPerClient; i++)
                {
                    var name = $"idle-{((client * settings.StatusRequestsPerClient) + i) % settings.Connectors}";
                    var clock = Stopwatch.StartNew();
                    using var response = await silo.Http.GetAsync(new Uri($"/connectors/{name}/status", UriKind.Relative));
                    await response.Content.ReadAsByteArrayAsync();
                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"GET /connectors/{name}/status: {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}");
                    }

                    lock (latencies)
                    {
                        latencies.Add(elapsed);
                    }
                }
            });
        return latencies;
    }
}
