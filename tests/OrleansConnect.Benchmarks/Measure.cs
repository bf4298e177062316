using System.Diagnostics;

namespace OrleansConnect.Benchmarks;

/// <summary>Small measuring helpers shared by the scenarios.</summary>
internal static class Measure
{
    public const double Megabyte = 1024 * 1024;

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    /// <summary>The value below which <paramref name="percent"/>% of the samples lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
