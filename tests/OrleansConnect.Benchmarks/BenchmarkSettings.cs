namespace OrleansConnect.Benchmarks;

/// <summary>How big each scenario is: the full run, <c>--quick</c> (about three minutes) or <c>--smoke</c> (proves each scenario runs).</summary>
internal sealed record BenchmarkSettings(
    string Mode,
    int SmallRecords,
    int LargeRecords,
    int ComponentRecords,
    int Connectors,
    int StatusConcurrency,
    int StatusRequestsPerClient,
    int Repeats,
    string? BootstrapServers)
{
    public const int SmallSize = 100;
    public const int LargeSize = 1024;

    public bool IsSmoke => Mode == "smoke";

    /// <summary>How long a silo is left alone before its memory is read.</summary>
    public TimeSpan Settle => IsSmoke ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(3);

    /// <summary>
    /// Reads the command line: <c>--quick</c>, <c>--smoke</c>, and <c>--bootstrap-servers=host:port</c> (or the
    /// environment variable <c>BENCHMARK_BOOTSTRAP_SERVERS</c>) for a real Kafka cluster instead of the embedded one.
    /// </summary>
    public static BenchmarkSettings Parse(string[] args)
    {
        var bootstrap = args.Select(a => a.Split('=', 2)).FirstOrDefault(a => a[0] == "--bootstrap-servers" && a.Length == 2)?[1]
            ?? Environment.GetEnvironmentVariable("BENCHMARK_BOOTSTRAP_SERVERS");
        bootstrap = string.IsNullOrWhiteSpace(bootstrap) ? null : bootstrap;
        if (args.Contains("--smoke"))
        {
            return new("smoke", 2_000, 500, 2_000, 5, 20, 2, 1, bootstrap);
        }

        return args.Contains("--quick")
            ? new("quick", 200_000, 50_000, 100_000, 100, 200, 5, 3, bootstrap)
            : new("full", 1_000_000, 200_000, 1_000_000, 100, 200, 25, 3, bootstrap);
    }
}
