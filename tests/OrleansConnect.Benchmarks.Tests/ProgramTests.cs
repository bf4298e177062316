using System.Globalization;
using System.Text.Json;

namespace OrleansConnect.Benchmarks.Tests;

/// <summary>
/// The benchmark's smoke run: every scenario at a tiny size, to prove each one executes and prints its figures.
/// It asserts no timing; the figures of a smoke run mean nothing.
/// </summary>
public sealed class ProgramTests
{
    private static readonly string[] ExpectedFigures =
    [
        "converter_bytearray_serialize_us", "converter_bytearray_deserialize_us",
        "converter_string_serialize_us", "converter_string_deserialize_us",
        "converter_json_schemas_serialize_us", "converter_json_schemas_deserialize_us",
        "converter_json_schemaless_serialize_us", "converter_json_schemaless_deserialize_us",
        "transform_insert_field_us", "transform_mask_field_us", "transform_rename_field_us", "transform_insert_header_us",
        "transform_chain_of_4_us",
        "start_to_ready_s", "idle_rss_mb", "rss_idle_connectors_mb", "rss_per_task_mb", "idle_rss_workstation_gc_mb", "idle_rss_no_dashboard_mb",
        "create_to_running_p50_ms", "create_to_running_p99_ms", "status_p50_ms", "status_p99_ms",
        "raw_producer_100b_rps", "raw_producer_100b_mbps", "raw_consumer_100b_rps", "raw_consumer_100b_mbps",
        "raw_producer_1kb_rps", "raw_producer_1kb_mbps", "raw_consumer_1kb_rps", "raw_consumer_1kb_mbps",
        "source_100b_rps", "source_100b_mbps", "source_ratio_100b", "sink_100b_rps", "sink_100b_mbps", "sink_ratio_100b",
        "source_1kb_rps", "source_1kb_mbps", "source_ratio_1kb", "sink_1kb_rps", "sink_1kb_mbps", "sink_ratio_1kb",
        "source_json_transforms_rps", "source_json_transforms_vs_bytes", "sink_json_transforms_rps", "sink_json_transforms_vs_bytes",
        "source_tasks_1_rps", "source_tasks_2_rps", "source_tasks_4_rps", "sink_tasks_1_rps", "sink_tasks_2_rps", "sink_tasks_4_rps",
        "failover_s",
    ];

    [Fact]
    public async Task Main_Smoke_PrintsEveryFigureAsAJsonLineWithAPositiveValue()
    {
        var (exitCode, output) = await RunAsync("--smoke");

        var figures = output.Split('\n')
            .Where(l => l.StartsWith("{\"figure\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(f => f.GetProperty("figure").GetString()!, f => f.GetProperty("value").GetDouble());
        var missing = ExpectedFigures.Where(name => !figures.ContainsKey(name)).ToList();
        var notPositive = figures.Where(f => !(f.Value > 0)).Select(f => $"{f.Key}={f.Value.ToString(CultureInfo.InvariantCulture)}").ToList();
        Assert.True(missing.Count == 0 && notPositive.Count == 0 && exitCode == 0,
            $"exit code {exitCode}; missing [{string.Join(", ", missing)}]; not positive [{string.Join(", ", notPositive)}]\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var result = await Command.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Benchmarks.dll"), .. arguments],
            workingDirectory: AppContext.BaseDirectory,
            timeout: TimeSpan.FromMinutes(5));
        return (result.ExitCode, result.Output + result.Errors);
    }
}
