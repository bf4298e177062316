using System.Collections.Immutable;
using System.Diagnostics;

namespace OrleansConnect.Grains.Runtime.Metrics;

/// <summary>
/// One task loop's figures, under the names of Kafka Connect's metric groups (<c>connector-task-metrics</c>,
/// <c>source-task-metrics</c>, <c>sink-task-metrics</c>, <c>task-error-metrics</c>). The loop records into plain
/// fields once a batch or a commit, never allocating; <see cref="ConnectMetrics"/> reads them when the exporter
/// collects. Totals are written with <see cref="Interlocked"/> because some come from librdkafka's delivery thread.
/// Created with its loop and gone with it, so a restarted task starts again from zero, as Kafka's metric groups do.
/// </summary>
internal sealed class TaskMetrics
{
    private long _sourceRecordPoll;
    private long _sourceRecordWrite;
    private long _sourceRecordActive;
    private long _sinkRecordRead;
    private long _sinkRecordSend;
    private long _offsetCommitCompletion;
    private long _offsetCommitCompletionSkip;
    private long _partitionCount;
    private long _totalRecordErrors;
    private long _totalRecordFailures;
    private long _totalRecordsSkipped;
    private long _totalRetries;
    private long _totalErrorsLogged;
    private long _deadLetterQueueProduceRequests;
    private long _deadLetterQueueProduceFailures;
    private long _lastErrorTimestamp;

    public TaskMetrics(TaskId id, TimeProvider time)
    {
        Id = id;
        Time = time;
        Tags = [new("connector", id.Connector), new("task", id.Task.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        PollBatchTime = new WindowedStat(time);
        PutBatchTime = new WindowedStat(time);
        BatchSize = new WindowedStat(time);
        OffsetCommitTime = new WindowedStat(time);
        OffsetCommitOutcome = new WindowedStat(time);
        SourceRecordPollRate = new WindowedStat(time);
        SourceRecordWriteRate = new WindowedStat(time);
        SinkRecordReadRate = new WindowedStat(time);
        SinkRecordSendRate = new WindowedStat(time);
    }

    public TaskId Id { get; }

    /// <summary>The labels of every series of this task: <c>connector</c> and <c>task</c>, built once.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    public TimeProvider Time { get; }

    public WindowedStat PollBatchTime { get; }

    public WindowedStat PutBatchTime { get; }

    public WindowedStat BatchSize { get; }

    public WindowedStat OffsetCommitTime { get; }

    /// <summary>1 for each successful commit, 0 for each failed one: its average is Kafka's success "percentage" (a ratio).</summary>
    public WindowedStat OffsetCommitOutcome { get; }

    public WindowedStat SourceRecordPollRate { get; }

    public WindowedStat SourceRecordWriteRate { get; }

    public WindowedStat SinkRecordReadRate { get; }

    public WindowedStat SinkRecordSendRate { get; }

    public long SourceRecordPollTotal => Interlocked.Read(ref _sourceRecordPoll);

    public long SourceRecordWriteTotal => Interlocked.Read(ref _sourceRecordWrite);

    public long SourceRecordActiveCount => Interlocked.Read(ref _sourceRecordActive);

    public long SinkRecordReadTotal => Interlocked.Read(ref _sinkRecordRead);

    public long SinkRecordSendTotal => Interlocked.Read(ref _sinkRecordSend);

    public long OffsetCommitCompletionTotal => Interlocked.Read(ref _offsetCommitCompletion);

    public long OffsetCommitCompletionSkipTotal => Interlocked.Read(ref _offsetCommitCompletionSkip);

    public long PartitionCount => Interlocked.Read(ref _partitionCount);

    public long TotalRecordErrors => Interlocked.Read(ref _totalRecordErrors);

    public long TotalRecordFailures => Interlocked.Read(ref _totalRecordFailures);

    public long TotalRecordsSkipped => Interlocked.Read(ref _totalRecordsSkipped);

    public long TotalRetries => Interlocked.Read(ref _totalRetries);

    public long TotalErrorsLogged => Interlocked.Read(ref _totalErrorsLogged);

    public long DeadLetterQueueProduceRequests => Interlocked.Read(ref _deadLetterQueueProduceRequests);

    public long DeadLetterQueueProduceFailures => Interlocked.Read(ref _deadLetterQueueProduceFailures);

    /// <summary>Epoch milliseconds of the last record failure; 0 when none (Kafka's <c>last-error-timestamp</c>).</summary>
    public long LastErrorTimestamp => Interlocked.Read(ref _lastErrorTimestamp);

    /// <summary>
    /// The figures under Kafka's attribute names, for the REST summary: connector-task and task-error metrics, and the
    /// source or sink group of <paramref name="type"/>. An average or maximum of an empty window is left out.
    /// </summary>
    public ImmutableDictionary<string, double> Snapshot(ConnectorType type)
    {
        var figures = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        void Add(string name, double value)
        {
            if (!double.IsNaN(value))
            {
                figures[name] = value;
            }
        }

        Add("batch-size-avg", BatchSize.Average());
        Add("batch-size-max", BatchSize.Maximum());
        Add("offset-commit-avg-time-ms", OffsetCommitTime.Average());
        Add("offset-commit-max-time-ms", OffsetCommitTime.Maximum());
        Add("offset-commit-success-percentage", OffsetCommitOutcome.Average());
        Add("offset-commit-failure-percentage", 1 - OffsetCommitOutcome.Average());
        if (type == ConnectorType.Source)
        {
            Add("source-record-poll-total", SourceRecordPollTotal);
            Add("source-record-poll-rate", SourceRecordPollRate.RatePerSecond());
            Add("source-record-write-total", SourceRecordWriteTotal);
            Add("source-record-write-rate", SourceRecordWriteRate.RatePerSecond());
            Add("poll-batch-avg-time-ms", PollBatchTime.Average());
            Add("poll-batch-max-time-ms", PollBatchTime.Maximum());
            Add("source-record-active-count", SourceRecordActiveCount);
        }
        else
        {
            Add("sink-record-read-total", SinkRecordReadTotal);
            Add("sink-record-read-rate", SinkRecordReadRate.RatePerSecond());
            Add("sink-record-send-total", SinkRecordSendTotal);
            Add("sink-record-send-rate", SinkRecordSendRate.RatePerSecond());
            Add("put-batch-avg-time-ms", PutBatchTime.Average());
            Add("put-batch-max-time-ms", PutBatchTime.Maximum());
            Add("offset-commit-completion-total", OffsetCommitCompletionTotal);
            Add("offset-commit-completion-skip-total", OffsetCommitCompletionSkipTotal);
            Add("partition-count", PartitionCount);
        }

        Add("total-record-errors", TotalRecordErrors);
        Add("total-record-failures", TotalRecordFailures);
        Add("total-records-skipped", TotalRecordsSkipped);
        Add("total-retries", TotalRetries);
        Add("total-errors-logged", TotalErrorsLogged);
        Add("deadletterqueue-produce-requests", DeadLetterQueueProduceRequests);
        Add("deadletterqueue-produce-failures", DeadLetterQueueProduceFailures);
        Add("last-error-timestamp", LastErrorTimestamp);
        return figures.ToImmutable();
    }

    /// <summary>A source poll returned <paramref name="records"/> records after <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void RecordPoll(int records, long startTimestamp)
    {
        PollBatchTime.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        BatchSize.Record(records);
        SourceRecordPollRate.Record(records);
        Interlocked.Add(ref _sourceRecordPoll, records);
    }

    /// <summary>Records of a polled batch handed to the producer (not dropped by a transformation nor skipped).</summary>
    public void RecordWrite(int records)
    {
        SourceRecordWriteRate.Record(records);
        Interlocked.Add(ref _sourceRecordWrite, records);
    }

    public void SetActiveRecords(int records) => Interlocked.Exchange(ref _sourceRecordActive, records);

    /// <summary>Records a sink consumed from Kafka in one batch, before conversion.</summary>
    public void RecordRead(int records)
    {
        SinkRecordReadRate.Record(records);
        Interlocked.Add(ref _sinkRecordRead, records);
    }

    /// <summary>A put of <paramref name="records"/> records that the task took, begun at <paramref name="startTimestamp"/>.</summary>
    public void RecordPut(int records, long startTimestamp)
    {
        PutBatchTime.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        BatchSize.Record(records);
        SinkRecordSendRate.Record(records);
        Interlocked.Add(ref _sinkRecordSend, records);
    }

    /// <summary>An offset commit that succeeded or failed, begun at <paramref name="startTimestamp"/>.</summary>
    public void RecordCommit(bool success, long startTimestamp)
    {
        OffsetCommitTime.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        OffsetCommitOutcome.Record(success ? 1 : 0);
        if (success)
        {
            Interlocked.Increment(ref _offsetCommitCompletion);
        }
    }

    /// <summary>A sink commit left for later (dead letter queue records still in flight).</summary>
    public void RecordCommitSkip() => Interlocked.Increment(ref _offsetCommitCompletionSkip);

    public void SetPartitionCount(int partitions) => Interlocked.Exchange(ref _partitionCount, partitions);

    /// <summary>An attempt of an operation on a record failed (retried or not).</summary>
    public void RecordFailure()
    {
        Interlocked.Increment(ref _totalRecordFailures);
        Interlocked.Exchange(ref _lastErrorTimestamp, Time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>A record ended in error: its failure was not overcome by retries.</summary>
    public void RecordError() => Interlocked.Increment(ref _totalRecordErrors);

    public void RecordSkipped() => Interlocked.Increment(ref _totalRecordsSkipped);

    public void RecordRetry() => Interlocked.Increment(ref _totalRetries);

    public void RecordErrorLogged() => Interlocked.Increment(ref _totalErrorsLogged);

    public void RecordDeadLetterQueueRequest() => Interlocked.Increment(ref _deadLetterQueueProduceRequests);

    public void RecordDeadLetterQueueFailure() => Interlocked.Increment(ref _deadLetterQueueProduceFailures);
}
