using System.Diagnostics;
using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Grains.Tests.Runtime.Metrics;

public sealed class TaskMetricsTests
{
    [Fact]
    public void RecordPollAndWrite_Batches_TotalsAndWindowFigures()
    {
        var metrics = new TaskMetrics(new TaskId("orders", 2), TimeProvider.System);

        metrics.RecordPoll(10, Stopwatch.GetTimestamp());
        metrics.RecordPoll(30, Stopwatch.GetTimestamp());
        metrics.RecordWrite(25);

        Assert.Equal(40, metrics.SourceRecordPollTotal);
        Assert.Equal(25, metrics.SourceRecordWriteTotal);
        Assert.Equal(20, metrics.BatchSize.Average());
        Assert.Equal(30, metrics.BatchSize.Maximum());
        Assert.Equal([new("connector", "orders"), new("task", "2")], metrics.Tags);
    }

    [Fact]
    public void RecordCommit_OneOfFourFailed_SuccessRatioThreeQuarters()
    {
        var metrics = new TaskMetrics(new TaskId("orders", 0), TimeProvider.System);

        foreach (var success in new[] { true, true, false, true })
        {
            metrics.RecordCommit(success, Stopwatch.GetTimestamp());
        }

        Assert.Equal(0.75, metrics.OffsetCommitOutcome.Average());
        Assert.Equal(3, metrics.OffsetCommitCompletionTotal);
    }

    /// <summary>What the loops call once a batch allocates nothing: the metrics add no garbage to the record path.</summary>
    [Fact]
    public void Record_AMillionBatches_AllocatesNothing()
    {
        var metrics = new TaskMetrics(new TaskId("orders", 0), TimeProvider.System);
        RecordBatch(metrics);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            RecordBatch(metrics);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_000_001 * 500L, metrics.SinkRecordSendTotal);
    }

    private static void RecordBatch(TaskMetrics metrics)
    {
        var start = Stopwatch.GetTimestamp();
        metrics.RecordPoll(500, start);
        metrics.RecordWrite(500);
        metrics.SetActiveRecords(3);
        metrics.RecordRead(500);
        metrics.RecordPut(500, start);
    }
}
