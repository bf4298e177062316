using System.Diagnostics;
using System.Globalization;

namespace OrleansConnect.Benchmarks;

/// <summary>Small measuring helpers shared by the scenarios.</summary>
internal static class Measure
{
    public const double Megabyte = 1024 * 1024;

    /// <summary>The resident memory of a process in MB (<c>VmRSS</c> of <c>/proc/{pid}/status</c>).</summary>
    public static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    /// <summary>The value below which <paramref name="percent"/>% of the samples lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="describe"/> when the time is up.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, Func<T, string> describe, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s: {describe(value)}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
