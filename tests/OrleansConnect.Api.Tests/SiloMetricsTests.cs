using System.Globalization;
using System.Net;

namespace OrleansConnect.Api.Tests;

[Collection(OperationsCollection.Name)]
public sealed class SiloMetricsTests(ApiFactory factory) : IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly string _directory = Directory.CreateTempSubdirectory("oc-metrics-").FullName;

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Metrics_FileSourceAndSink_TaskCountersGrowUnderKafkaNames()
    {
        var name = Http.Unique("metrics");
        var input = Path.Combine(_directory, "in.txt");
        var output = Path.Combine(_directory, "out.txt");
        await File.WriteAllLinesAsync(input, Lines(0, 20), TestContext.Current.CancellationToken);
        await Http.CreateAsync(_client, $$$"""{"name":"{{{name}}}-source","config":{"connector.class":"FileStreamSource","file":"{{{input}}}","topic":"t-{{{name}}}"}}""");
        await Http.CreateAsync(_client, $$$"""{"name":"{{{name}}}-sink","config":{"connector.class":"FileStreamSink","file":"{{{output}}}","topics":"t-{{{name}}}"}}""");
        await WaitForLinesAsync(output, 20);

        var first = await ScrapeAsync(s => Value(s, "kafka_connect_sink_task_sink_record_send_total", name + "-sink") >= 20, "20 records put");
        Assert.Equal(20, Value(first, "kafka_connect_source_task_source_record_poll_total", name + "-source"));
        Assert.Equal(20, Value(first, "kafka_connect_source_task_source_record_write_total", name + "-source"));
        Assert.Equal(20, Value(first, "kafka_connect_sink_task_sink_record_read_total", name + "-sink"));
        Assert.True(Value(first, "kafka_connect_source_task_poll_batch_max_time_ms", name + "-source") >= 0);
        Assert.True(Value(first, "kafka_connect_sink_task_put_batch_avg_time_ms", name + "-sink") >= 0);
        Assert.Equal(1, Value(first, "kafka_connect_connector_task_status", name + "-source", ("status", "running")));
        Assert.Equal(-1, Value(first, "kafka_connect_connector_task_status", name + "-source", ("status", "failed")));
        Assert.True(Worker(first, "kafka_connect_worker_task_count") >= 2);
        Assert.True(Worker(first, "kafka_connect_worker_connector_count") >= 2);
        Assert.Contains(first, s => s.Name == "kafka_connect_connector_connector_class" && s.Labels.GetValueOrDefault("connector") == name + "-source" && s.Labels.GetValueOrDefault("connector_class") == "FileStreamSource");
        Assert.Contains(first, s => s.Name == "kafka_connect_connector_connector_type" && s.Labels.GetValueOrDefault("connector") == name + "-sink" && s.Labels.GetValueOrDefault("connector_type") == "sink");
        Assert.Equal(1, first.Single(s => s.Name == "kafka_connect_worker_connector_running_task_count" && s.Labels.GetValueOrDefault("connector") == name + "-sink").Value);

        await File.AppendAllLinesAsync(input, Lines(20, 30), TestContext.Current.CancellationToken);
        await WaitForLinesAsync(output, 50);
        var second = await ScrapeAsync(
            s => Value(s, "kafka_connect_sink_task_sink_record_send_total", name + "-sink") >= 50
                && Value(s, "kafka_connect_sink_task_offset_commit_completion_total", name + "-sink") >= 1,
            "50 records put and an offset commit");
        Assert.Equal(50, Value(second, "kafka_connect_source_task_source_record_poll_total", name + "-source"));
        Assert.Equal(50, Value(second, "kafka_connect_sink_task_sink_record_read_total", name + "-sink"));
        Assert.Equal(0, Value(second, "kafka_connect_task_error_total_record_errors", name + "-sink"));
    }

    private static IEnumerable<string> Lines(int from, int count) =>
        Enumerable.Range(from, count).Select(i => "line-" + i.ToString(CultureInfo.InvariantCulture));

    private static Task WaitForLinesAsync(string path, int count) =>
        Eventually.HoldsAsync(
            () => Task.FromResult(File.Exists(path) ? File.ReadAllLines(path).Length : 0),
            lines => lines >= count,
            lines => $"{path}: {lines} lines, expected {count}");

    /// <summary>Scrapes /metrics until <paramref name="condition"/> holds; every scrape must parse as Prometheus text.</summary>
    private Task<IReadOnlyList<PrometheusText.Sample>> ScrapeAsync(Func<IReadOnlyList<PrometheusText.Sample>, bool> condition, string expected) =>
        Eventually.HoldsAsync(
            async () =>
            {
                using var response = await _client.GetAsync("/metrics", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            },
            condition,
            samples => $"/metrics never showed {expected}: {string.Join(", ", samples.Where(s => s.Name.StartsWith("kafka_connect_s", StringComparison.Ordinal)).Select(s => $"{s.Name}{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"))}");

    /// <summary>The value of task 0 of <paramref name="connector"/>; -1 when the series is missing.</summary>
    private static double Value(IReadOnlyList<PrometheusText.Sample> samples, string metric, string connector, params (string Label, string Value)[] more) =>
        samples.SingleOrDefault(s => s.Name == metric
            && s.Labels.GetValueOrDefault("connector") == connector
            && s.Labels.GetValueOrDefault("task") == "0"
            && more.All(m => s.Labels.GetValueOrDefault(m.Label) == m.Value))?.Value ?? -1;

    private static double Worker(IReadOnlyList<PrometheusText.Sample> samples, string metric) =>
        samples.Single(s => s.Name == metric).Value;
}
