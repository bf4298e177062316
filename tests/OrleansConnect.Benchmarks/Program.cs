using OrleansConnect.Benchmarks;
using OrleansConnect.Benchmarks.Plugins;

var settings = BenchmarkSettings.Parse(args);
var figures = new Figures(Console.Out);
var machine = $"{Machine.Describe()}; load average {Machine.Load()} at the start";
Console.WriteLine($"OrleansConnect benchmarks, {settings.Mode} run, on {machine}");
if (!Machine.IsRelease)
{
    figures.Note("built in Debug: run with -c Release for figures worth comparing");
}

var work = Directory.CreateTempSubdirectory("oc-bench-").FullName;
var pluginPath = Path.Combine(work, "plugins");
var reports = Directory.CreateDirectory(Path.Combine(work, "reports")).FullName;
var plugin = typeof(BenchSourceConnector).Assembly.Location;
Directory.CreateDirectory(Path.Combine(pluginPath, "bench"));
File.Copy(plugin, Path.Combine(pluginPath, "bench", Path.GetFileName(plugin)));

var failed = new List<string>();
await using (var embedded = settings.BootstrapServers is null ? await EmbeddedKafkaProcess.StartAsync() : null)
{
    var kafka = settings.BootstrapServers ?? embedded!.BootstrapServers;
    Console.WriteLine($"Kafka: {(embedded is null ? "the cluster at " : "embedded (librdkafka mock cluster) at ")}{kafka}");
    string[] siloSettings = [$"--Kafka:BootstrapServers={kafka}", $"--OrleansConnect:PluginPath={pluginPath}"];

    await RunSectionAsync("per-record cost", () =>
    {
        ComponentCosts.Run(figures, settings.ComponentRecords);
        return Task.CompletedTask;
    });
    await RunSectionAsync("footprint and control plane", () => ControlPlane.RunAsync(figures, settings, siloSettings));
    await RunSectionAsync("throughput", () => ThroughputRuns.RunAsync(figures, settings, kafka, siloSettings, reports));
    await RunSectionAsync("failover", () => Failover.RunAsync(figures, siloSettings));
    if (!settings.IsSmoke)
    {
        // About two minutes of silos starting, moving and freezing: left out of the smoke run, which CI runs.
        await RunSectionAsync("scale-out", () => ScaleOut.RunAsync(figures, kafka, siloSettings));
    }
}

Console.WriteLine();
Console.WriteLine(figures.Table());
if (!settings.IsSmoke)
{
    var file = BenchmarksDoc.Write(figures, settings, machine);
    Console.WriteLine($"Results written to {file}");
}

Directory.Delete(work, recursive: true);
return failed.Count == 0 ? 0 : 1;

async Task RunSectionAsync(string name, Func<Task> run)
{
    Console.WriteLine($"== {name}");
    try
    {
        await run();
    }
    catch (Exception e)
    {
        // One scenario failing must not hide the figures of the others; the exit code still says it failed.
        failed.Add(name);
        figures.Note($"{name} failed: {e.GetType().Name}: {e.Message}");
    }
}
