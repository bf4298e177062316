using OrleansConnect.Grains.Runtime;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Tests.Runtime;

public sealed class SubmittedRecordsTests
{
    private static readonly Dictionary<string, object?> PartitionA = new() { ["p"] = "a" };
    private static readonly Dictionary<string, object?> PartitionB = new() { ["p"] = "b" };

    [Fact]
    public void Update_AcknowledgedOutOfOrder_CommitsOnlyTheAcknowledgedPrefix()
    {
        var submitted = new SubmittedRecords();
        var records = Enumerable.Range(0, 4).Select(i => Submit(submitted, PartitionA, i)).ToList();

        records[0].Acknowledge();
        records[2].Acknowledge();
        records[3].Acknowledge();
        submitted.Update();

        Assert.Equal(Offset(0), Assert.Single(submitted.TakeCommittable()).Value);
        Assert.Equal(3, submitted.Pending);
    }

    [Fact]
    public void Update_RecordNeverAcknowledged_HoldsBackItsPartitionOnly()
    {
        var submitted = new SubmittedRecords();
        var failed = Submit(submitted, PartitionA, 0);
        var laterA = Submit(submitted, PartitionA, 1);
        var b = Submit(submitted, PartitionB, 7);

        laterA.Acknowledge();
        b.Acknowledge();
        submitted.Update();

        Assert.False(failed.IsAcknowledged);
        Assert.Equal(Offset(7), Assert.Single(submitted.TakeCommittable()).Value);
    }

    [Fact]
    public void SubmitAcknowledged_BehindAnOutstandingRecord_CommitsOnlyAfterIt()
    {
        var submitted = new SubmittedRecords();
        var inFlight = Submit(submitted, PartitionA, 0);
        submitted.SubmitAcknowledged(Record(PartitionA, 1));

        submitted.Update();
        Assert.False(submitted.HasCommittable);
        inFlight.Acknowledge();
        submitted.Update();

        Assert.Equal(Offset(1), Assert.Single(submitted.TakeCommittable()).Value);
        Assert.Equal(0, submitted.Pending);
    }

    [Fact]
    public void SubmitAcknowledged_NothingOutstanding_CommittableAtOnce()
    {
        var submitted = new SubmittedRecords();

        submitted.SubmitAcknowledged(Record(PartitionA, 5));

        Assert.Equal(Offset(5), Assert.Single(submitted.TakeCommittable()).Value);
        Assert.Equal(0, submitted.Pending);
    }

    [Fact]
    public void Restore_NewerOffsetCommittableSince_NewerWins()
    {
        var submitted = new SubmittedRecords();
        submitted.SubmitAcknowledged(Record(PartitionA, 1));
        var failedCommit = submitted.TakeCommittable();
        submitted.SubmitAcknowledged(Record(PartitionA, 2));
        submitted.SubmitAcknowledged(Record(PartitionB, 3));

        submitted.Restore(failedCommit);

        Assert.Equal(new[] { Offset(2), Offset(3) }, submitted.TakeCommittable().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
    }

    [Fact]
    public void Submit_WithoutSourcePartition_NotHeld()
    {
        var submitted = new SubmittedRecords();

        submitted.Submit(new SubmittedRecord(new SourceRecord(null, null, "t", Schema.String, "v"), null));
        submitted.Update();

        Assert.Equal(0, submitted.Pending);
        Assert.False(submitted.HasCommittable);
    }

    private static SubmittedRecord Submit(SubmittedRecords submitted, Dictionary<string, object?> partition, long offset)
    {
        var record = new SubmittedRecord(Record(partition, offset), null);
        submitted.Submit(record);
        return record;
    }

    private static SourceRecord Record(Dictionary<string, object?> partition, long offset) =>
        new(partition, Offset(offset), "t", Schema.String, $"v{offset}");

    private static IReadOnlyDictionary<string, object?> Offset(long i) => new Dictionary<string, object?> { ["i"] = i };
}
