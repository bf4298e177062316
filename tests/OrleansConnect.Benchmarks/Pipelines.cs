using System.Globalization;
using OrleansConnect.Benchmarks.Plugins;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// Source and sink connectors run by a silo process, measured by the benchmark plugin's own reports: a source from its
/// first poll to the delivery of its last record, a sink from the first record it is given to the last.
/// </summary>
internal sealed class Pipelines(SiloProcess silo, string reportDirectory)
{
    public const string ByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";
    public const string JsonConverter = "org.apache.kafka.connect.json.JsonConverter";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Opaque bytes in and out: the runtime adds no serialization cost of its own.</summary>
    public static Dictionary<string, string> Bytes() => new()
    {
        ["key.converter"] = ByteArrayConverter,
        ["value.converter"] = ByteArrayConverter,
    };

    /// <summary>JsonConverter with schemas (Kafka Connect's envelope) and a chain of four of Kafka's transformations.</summary>
    public static Dictionary<string, string> JsonWithTransforms(string addedField, string renameTo) => new()
    {
        ["key.converter"] = ByteArrayConverter,
        ["value.converter"] = JsonConverter,
        ["value.converter.schemas.enable"] = "true",
        ["transforms"] = "insert,mask,rename,header",
        ["transforms.insert.type"] = "org.apache.kafka.connect.transforms.InsertField$Value",
        ["transforms.insert.static.field"] = addedField,
        ["transforms.insert.static.value"] = "benchmark",
        ["transforms.mask.type"] = "org.apache.kafka.connect.transforms.MaskField$Value",
        ["transforms.mask.fields"] = "name",
        ["transforms.rename.type"] = "org.apache.kafka.connect.transforms.ReplaceField$Value",
        ["transforms.rename.renames"] = $"payload:{renameTo}",
        ["transforms.header.type"] = "org.apache.kafka.connect.transforms.InsertHeader",
        ["transforms.header.header"] = "benchmark",
        ["transforms.header.value.literal"] = "yes",
    };

    /// <summary>A source of <paramref name="records"/> records in all, split over <paramref name="tasks"/> tasks.</summary>
    public async Task<Throughput> SourceAsync(string name, string topic, int tasks, int records, int size, Dictionary<string, string> converters, string shape = "bytes")
    {
        var config = new Dictionary<string, string>(converters)
        {
            ["connector.class"] = typeof(BenchSourceConnector).FullName!,
            ["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture),
            [BenchSourceConnector.TopicConfig] = topic,
            [BenchSourceConnector.CountConfig] = (records / tasks).ToString(CultureInfo.InvariantCulture),
            [BenchSourceConnector.RecordSizeConfig] = size.ToString(CultureInfo.InvariantCulture),
            [BenchSourceConnector.ShapeConfig] = shape,
            [BenchReport.ReportDirConfig] = reportDirectory,
        };
        var reports = await RunAsync(name, config, tasks, r => r.Count == tasks, r => $"{r.Count} of {tasks} source tasks done");
        return Combine(reports, (long)records / tasks * tasks, size);
    }

    /// <summary>A sink with <paramref name="tasks"/> tasks draining <paramref name="records"/> records from pre-filled topics.</summary>
    public async Task<Throughput> SinkAsync(string name, string[] topics, int tasks, int records, int size, Dictionary<string, string> converters)
    {
        var config = new Dictionary<string, string>(converters)
        {
            ["connector.class"] = typeof(DiscardSinkConnector).FullName!,
            ["tasks.max"] = tasks.ToString(CultureInfo.InvariantCulture),
            ["topics"] = string.Join(',', topics),
            [BenchReport.ReportDirConfig] = reportDirectory,
        };
        var reports = await RunAsync(name, config, tasks, r => r.Sum(t => t.Records) >= records, r => $"{r.Sum(t => t.Records)} of {records} records drained");
        return Combine(reports, records, size);
    }

    private async Task<List<BenchReport>> RunAsync(string name, Dictionary<string, string> config, int tasks, Func<List<BenchReport>, bool> done, Func<List<BenchReport>, string> describe)
    {
        await ConnectClient.CreateAsync(silo.Http, name, config);
        try
        {
            return await Eventually.HoldsAsync(
                async () =>
                {
                    // A failed task would never finish: say why at once rather than wait for the timeout.
                    var reports = ReadReports(name, tasks);
                    return done(reports) || await ConnectClient.FailedTaskAsync(silo.Http, name) is not { } failure
                        ? reports
                        : throw new InvalidOperationException($"{name}: {failure}");
                },
                done,
                r => $"{name}: {describe(r)}\n{silo.Output}",
                Timeout,
                TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            await ConnectClient.DeleteAsync(silo.Http, name);
        }
    }

    private List<BenchReport> ReadReports(string name, int tasks) =>
        [.. Enumerable.Range(0, tasks)
            .Select(t => BenchReport.PathFor(reportDirectory, name, t.ToString(CultureInfo.InvariantCulture)))
            .Where(File.Exists)
            .Select(BenchReport.Read)
            .OfType<BenchReport>()];

    /// <summary>Several tasks as one: every record counted, from the earliest start to the latest end.</summary>
    private static Throughput Combine(List<BenchReport> reports, long records, int size) =>
        new(records, records * size, Measure.Seconds(reports.Min(r => r.FirstTimestamp), reports.Max(r => r.LastTimestamp)));
}
