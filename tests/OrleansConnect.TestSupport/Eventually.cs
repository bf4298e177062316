using System.Diagnostics;
using System.Globalization;

namespace OrleansConnect.TestSupport;

/// <summary>Waits for a condition that a running pipeline makes true, with a message that says what was expected.</summary>
public static class Eventually
{
    /// <summary>
    /// Reads until <paramref name="condition"/> holds and returns that value; when <paramref name="timeout"/> (30 s when
    /// null) has passed, throws a TimeoutException with <paramref name="describe"/> of the last value read. It reads
    /// every <paramref name="interval"/> when one is given (a benchmark measuring when the condition came true), else
    /// soon at first and then every 250 ms.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(
        Func<Task<T>> read, Func<T, bool> condition, Func<T, string> describe, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        var delay = interval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s: {describe(value)}");
            }

            await Task.Delay(delay);
            delay = interval ?? TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 2));
        }
    }
}
