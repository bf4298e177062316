using System.Diagnostics;
using System.Text.Json;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>
/// What a benchmark task measured, written as JSON to <c>{report.dir}/{connector}-{task}.json</c> for the benchmark
/// process to read. Times are <see cref="Stopwatch.GetTimestamp"/> values: one monotonic clock for every process on
/// the machine, so the benchmark can combine several tasks.
/// </summary>
public sealed record BenchReport(long Records, long FirstTimestamp, long LastTimestamp)
{
    public const string ReportDirConfig = "report.dir";

    public static string PathFor(string directory, string connector, string task) => Path.Combine(directory, $"{connector}-{task}.json");

    /// <summary>Writes the report atomically (write, then rename), so a reader never sees half a file.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this));
        File.Move(temporary, path, overwrite: true);
    }

    public static BenchReport? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
