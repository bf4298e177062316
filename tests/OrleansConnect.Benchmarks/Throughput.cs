namespace OrleansConnect.Benchmarks;

/// <summary>Records (and bytes, when known) moved in a measured time.</summary>
internal sealed record Throughput(long Records, long Bytes, double Seconds)
{
    public double RecordsPerSecond => Records / Seconds;

    public double MegabytesPerSecond => Bytes / Measure.Megabyte / Seconds;
}
