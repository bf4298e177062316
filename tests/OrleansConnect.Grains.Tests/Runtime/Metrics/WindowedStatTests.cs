using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Grains.Tests.Runtime.Metrics;

/// <summary>Kafka's sampled statistics: two samples of 30 s, a sample older than the whole window forgotten.</summary>
public sealed class WindowedStatTests
{
    [Fact]
    public void Average_Nothing_IsNaN()
    {
        var stat = new WindowedStat(new StepTime());

        Assert.True(double.IsNaN(stat.Average()));
        Assert.True(double.IsNaN(stat.Maximum()));
        Assert.Equal(0, stat.RatePerSecond());
    }

    [Fact]
    public void AverageAndMaximum_ValuesWithinTheWindow_OverAllOfThem()
    {
        var time = new StepTime();
        var stat = new WindowedStat(time);

        stat.Record(10);
        time.Advance(TimeSpan.FromSeconds(35));
        stat.Record(30);

        Assert.Equal(20, stat.Average());
        Assert.Equal(30, stat.Maximum());
    }

    [Fact]
    public void Average_SampleOlderThanTheWindow_IsForgotten()
    {
        var time = new StepTime();
        var stat = new WindowedStat(time);
        stat.Record(100);
        time.Advance(TimeSpan.FromSeconds(31));
        stat.Record(4);

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(4, stat.Average());
        Assert.Equal(4, stat.Maximum());
    }

    [Fact]
    public void RatePerSecond_JustStarted_CountsAtLeastOneFullSample()
    {
        var time = new StepTime();
        var stat = new WindowedStat(time);

        stat.Record(300);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, stat.RatePerSecond());
    }

    private sealed class StepTime : TimeProvider
    {
        private long _now = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now;

        public void Advance(TimeSpan by) => _now += by.Ticks;
    }
}
