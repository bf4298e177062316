using System.Globalization;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// Refreshes the measured part of docs/benchmarks.md, between its two markers; the rest of the page is written by hand.
/// </summary>
internal static class BenchmarksDoc
{
    private const string Start = "<!-- results:start -->";
    private const string End = "<!-- results:end -->";

    public static string Write(Figures figures, BenchmarkSettings settings, string machine)
    {
        var file = Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.md");
        var page = File.Exists(file) ? File.ReadAllText(file) : $"# Benchmarks\n\n{Start}\n{End}\n";
        var from = page.IndexOf(Start, StringComparison.Ordinal);
        var to = page.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            page = page.TrimEnd() + $"\n\n{Start}\n{End}\n";
            from = page.IndexOf(Start, StringComparison.Ordinal);
            to = page.IndexOf(End, StringComparison.Ordinal);
        }

        var command = settings.Mode == "full" ? string.Empty : $" -- --{settings.Mode}";
        var results = $"""
            {Start}
            Measured {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC with `dotnet run -c Release --project tests/OrleansConnect.Benchmarks{command}`
            on {machine}; Kafka: {(settings.BootstrapServers is null ? "embedded (librdkafka mock cluster)" : "a real cluster")}.

            {figures.Table()}
            {(figures.Notes.Count == 0 ? string.Empty : "\nNotes from the run:\n\n" + string.Join('\n', figures.Notes.Select(n => "- " + n)) + "\n")}
            """;
        File.WriteAllText(file, page[..from] + results.TrimEnd() + "\n" + page[to..]);
        return file;
    }
}
