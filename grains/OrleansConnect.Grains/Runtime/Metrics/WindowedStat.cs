namespace OrleansConnect.Grains.Runtime.Metrics;

/// <summary>
/// A figure over Kafka's default metric window (<c>metrics.num.samples=2</c> samples of
/// <c>metrics.sample.window.ms=30000</c>): the average, maximum, rate and total of the values recorded in the samples
/// not yet expired, as Kafka's <c>SampledStat</c>s compute them. Recorded once a batch or a commit (never per
/// record); read by the metrics exporter on another thread, hence the lock.
/// </summary>
internal sealed class WindowedStat(TimeProvider time)
{
    private const int Samples = 2;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly Sample[] _samples = new Sample[Samples];
    private int _current;
    private bool _recorded;

    /// <summary>Records one value (a batch's time or size, a commit's outcome).</summary>
    public void Record(double value)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            ref var sample = ref _samples[_current];
            if (!_recorded || time.GetElapsedTime(sample.Start, now) >= Window)
            {
                _recorded = true;
                _current = (_current + 1) % Samples;
                sample = ref _samples[_current];
                sample = new Sample { Start = now };
            }

            sample.Max = sample.Count == 0 ? value : Math.Max(sample.Max, value);
            sample.Sum += value;
            sample.Count++;
        }
    }

    /// <summary>The average of the window's values; NaN when there are none (Kafka's <c>Avg</c>).</summary>
    public double Average()
    {
        var (count, sum, _, _) = Combine();
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The largest of the window's values; NaN when there are none (Kafka's <c>Max</c>).</summary>
    public double Maximum() => Combine() is { Count: > 0 } c ? c.Max : double.NaN;

    /// <summary>
    /// The window's sum per second (Kafka's <c>Rate</c>): over the time since the oldest live sample began, counted as
    /// at least one full window so that a task just started does not show a burst.
    /// </summary>
    public double RatePerSecond()
    {
        var (_, sum, _, oldest) = Combine();
        if (oldest is not { } start)
        {
            return 0;
        }

        var elapsed = time.GetElapsedTime(start);
        var minimum = Window * (Samples - 1);
        return sum / (elapsed < minimum ? minimum : elapsed).TotalSeconds;
    }

    private (long Count, double Sum, double Max, long? Oldest) Combine()
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            long count = 0;
            double sum = 0, max = double.MinValue;
            long? oldest = null;
            foreach (var sample in _samples)
            {
                // Kafka purges a sample once it is older than the whole window.
                if (sample.Count == 0 || time.GetElapsedTime(sample.Start, now) >= Window * Samples)
                {
                    continue;
                }

                count += sample.Count;
                sum += sample.Sum;
                max = Math.Max(max, sample.Max);
                oldest = oldest is { } o && o < sample.Start ? o : sample.Start;
            }

            return (count, sum, max, oldest);
        }
    }

    private struct Sample
    {
        public long Start;
        public long Count;
        public double Sum;
        public double Max;
    }
}
