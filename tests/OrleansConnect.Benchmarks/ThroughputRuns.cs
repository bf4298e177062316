using OrleansConnect.Benchmarks.Plugins;
using OrleansConnect.Plugins.Converters;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// The data plane on one silo process: the raw clients' ceiling, then the same records through a source and a sink
/// connector (one task), the JsonConverter with four transformations, and 1, 2 and 4 tasks. The raw consumer and the
/// sinks drain topics filled beforehand.
/// </summary>
internal static class ThroughputRuns
{
    private const string Ceiling = "ceiling";
    private const string Source = "source pipeline";
    private const string Sink = "sink pipeline";
    private const string Transforms = "json + 4 transforms";
    private const string Scaling = "scaling";
    private const int WarmUpRecords = 2_000;

    public static async Task RunAsync(Figures figures, BenchmarkSettings settings, string kafka, string[] siloSettings, string reports)
    {
        await using var silo = await SiloProcess.StartAsync(siloSettings);
        var pipelines = new Pipelines(silo, reports);
        var bytes = Pipelines.Bytes();

        // The first run of each kind pays for JIT compilation and connection set-up; none of it is measured.
        if (!settings.IsSmoke)
        {
            var warmUp = RawKafka.Fill(kafka, "warm-up", WarmUpRecords, new byte[BenchmarkSettings.SmallSize]);
            RawKafka.Consume(kafka, warmUp, WarmUpRecords);
            await pipelines.SourceAsync("warm-up-source", "warm-up-source", 1, WarmUpRecords, BenchmarkSettings.SmallSize, bytes);
            await pipelines.SinkAsync("warm-up-sink", warmUp, 1, WarmUpRecords, BenchmarkSettings.SmallSize, bytes);
        }

        string[] filled100 = [];

        foreach (var (label, size, records) in new[] { ("100b", BenchmarkSettings.SmallSize, settings.SmallRecords), ("1kb", BenchmarkSettings.LargeSize, settings.LargeRecords) })
        {
            var producer = await BestAsync(figures, settings.Repeats, r => Task.FromResult(RawKafka.Produce(kafka, $"raw-{label}-{r}", records, size)));
            figures.Add(Ceiling, $"raw_producer_{label}_rps", producer.RecordsPerSecond, "records/s");
            figures.Add(Ceiling, $"raw_producer_{label}_mbps", producer.MegabytesPerSecond, "MB/s");

            // The consumer and the sink drain the same records, written beforehand (not measured).
            var filled = RawKafka.Fill(kafka, $"filled-{label}", records, RandomBytes(size));
            filled100 = filled100.Length == 0 ? filled : filled100;
            var consumer = await BestAsync(figures, settings.Repeats, _ => Task.FromResult(RawKafka.Consume(kafka, filled, records)));
            figures.Add(Ceiling, $"raw_consumer_{label}_rps", consumer.RecordsPerSecond, "records/s");
            figures.Add(Ceiling, $"raw_consumer_{label}_mbps", consumer.MegabytesPerSecond, "MB/s");

            var source = await BestAsync(figures, settings.Repeats, r => pipelines.SourceAsync($"source-{label}-{r}", $"source-{label}-{r}", 1, records, size, bytes));
            figures.Add(Source, $"source_{label}_rps", source.RecordsPerSecond, "records/s");
            figures.Add(Source, $"source_{label}_mbps", source.MegabytesPerSecond, "MB/s");
            figures.Add(Source, $"source_ratio_{label}", source.RecordsPerSecond / producer.RecordsPerSecond, "ratio", ">= 0.9", v => v >= 0.9);

            var sink = await BestAsync(figures, settings.Repeats, r => pipelines.SinkAsync($"sink-{label}-{r}", filled, 1, records, size, bytes));
            figures.Add(Sink, $"sink_{label}_rps", sink.RecordsPerSecond, "records/s");
            figures.Add(Sink, $"sink_{label}_mbps", sink.MegabytesPerSecond, "MB/s");
            figures.Add(Sink, $"sink_ratio_{label}", sink.RecordsPerSecond / consumer.RecordsPerSecond, "ratio", ">= 0.9", v => v >= 0.9);
        }

        var records100 = settings.SmallRecords;
        var jsonSource = await BestAsync(figures, settings.Repeats, r => pipelines.SourceAsync($"source-json-{r}", $"source-json-{r}", 1, records100, BenchmarkSettings.SmallSize, Pipelines.JsonWithTransforms("origin", "data"), "struct"));
        figures.Add(Transforms, "source_json_transforms_rps", jsonSource.RecordsPerSecond, "records/s");
        figures.Add(Transforms, "source_json_transforms_vs_bytes", jsonSource.RecordsPerSecond / figures.Value("source_100b_rps"), "ratio");
        var json = new JsonConverter();
        json.Configure(new Dictionary<string, string> { [JsonConverter.SchemasEnableConfig] = "true" }, isKey: false);
        var envelope = json.FromConnectData("filled-json", null, BenchRecords.StructSchema, BenchRecords.NewStruct(1, BenchRecords.Payload(BenchmarkSettings.SmallSize)))!;
        var filledJson = RawKafka.Fill(kafka, "filled-json", records100, envelope);
        var jsonSink = await BestAsync(figures, settings.Repeats, r => pipelines.SinkAsync($"sink-json-{r}", filledJson, 1, records100, BenchmarkSettings.SmallSize, Pipelines.JsonWithTransforms("sink_origin", "body")));
        figures.Add(Transforms, "sink_json_transforms_rps", jsonSink.RecordsPerSecond, "records/s");
        figures.Add(Transforms, "sink_json_transforms_vs_bytes", jsonSink.RecordsPerSecond / figures.Value("sink_100b_rps"), "ratio");

        foreach (var tasks in new[] { 1, 2, 4 })
        {
            var source = await BestAsync(figures, settings.Repeats, r => pipelines.SourceAsync($"scale-source-{tasks}-{r}", $"scale-{tasks}-{r}", tasks, records100, BenchmarkSettings.SmallSize, bytes));
            figures.Add(Scaling, $"source_tasks_{tasks}_rps", source.RecordsPerSecond, "records/s");
        }

        foreach (var tasks in new[] { 1, 2, 4 })
        {
            var sink = await BestAsync(figures, settings.Repeats, r => pipelines.SinkAsync($"scale-sink-{tasks}-{r}", filled100, tasks, records100, BenchmarkSettings.SmallSize, bytes));
            figures.Add(Scaling, $"sink_tasks_{tasks}_rps", sink.RecordsPerSecond, "records/s");
        }
    }

    /// <summary>
    /// The best of several runs: on two cores shared by the broker, the silo and the clients, a single run of a second or
    /// so is at the mercy of scheduling, and the best run is the one least disturbed. A run that fails is noted with
    /// its reason and left out; when every run fails, so does the figure.
    /// </summary>
    private static async Task<Throughput> BestAsync(Figures figures, int repeats, Func<int, Task<Throughput>> run)
    {
        var runs = new List<Throughput>();
        for (var r = 0; r < repeats; r++)
        {
            try
            {
                runs.Add(await run(r));
            }
            catch (InvalidOperationException e) when (r < repeats - 1 || runs.Count > 0)
            {
                figures.Note($"a run left out: {e.Message}");
            }
        }

        return runs.MaxBy(t => t.RecordsPerSecond)!;
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
