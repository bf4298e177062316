using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Grains.Runtime.Metrics;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Tests.Runtime.Errors;

/// <summary>
/// Kafka's retry and tolerance rules: waits of 300 ms doubling, jitter below the maximum, never past the deadline;
/// converter and transformation errors tolerated, other stages only retriable ones. Time is a manual clock that the
/// waits advance, so nothing here depends on real time.
/// </summary>
public sealed class RetryWithToleranceOperatorTests
{
    private static readonly RecordInError SomeRecord = new(null, new SourceRecord(null, null, "t", null, null, null, null, "v"));

    [Fact]
    public void TryExecute_RetriableFailuresWithinTheTimeout_RetriedAfter300And600MsThenSucceeds()
    {
        var (errors, time, reporter) = Create(retryTimeoutMs: 10_000);
        var attempts = 0;

        var ok = errors.TryExecute(ErrorStage.ValueConverter, "C", () => ++attempts < 3 ? throw new RetriableException("blink") : "done", SomeRecord, out var result);

        Assert.True(ok);
        Assert.Equal("done", result);
        Assert.Equal([300, 600], time.Waits);
        Assert.Equal(2, errors.Retries);
        Assert.Empty(reporter.Reports);
    }

    [Fact]
    public void TryExecute_RetriableFailureOutlastingTheTimeout_LastWaitEndsAtTheDeadlineThenToleranceDecides()
    {
        var (errors, time, reporter) = Create(retryTimeoutMs: 1_000, toleranceAll: true);

        var ok = errors.TryExecute<string>(ErrorStage.Transformation, "T", () => throw new RetriableException("down"), SomeRecord, out _);

        Assert.False(ok);
        Assert.Equal([300, 600, 100], time.Waits);
        Assert.Equal(1, errors.Skipped);
        var report = Assert.Single(reporter.Reports);
        Assert.Equal(ErrorStage.Transformation, report.Stage);
        Assert.Equal("T", report.ClassName);
        Assert.Same(SomeRecord.Source, report.Source);
    }

    [Fact]
    public void TryExecute_NoRetryTimeoutToleranceNone_FailsAtOnceWithKafkasMessageAndTheCause()
    {
        var (errors, time, reporter) = Create(retryTimeoutMs: 0);
        var cause = new RetriableException("blink");

        var e = Assert.Throws<ConnectException>(() => errors.TryExecute<string>(ErrorStage.KeyConverter, "C", () => throw cause, SomeRecord, out _));

        Assert.Equal(RetryWithToleranceOperator.ToleranceExceeded, e.Message);
        Assert.Same(cause, e.InnerException);
        Assert.Empty(time.Waits);
        Assert.Single(reporter.Reports);
    }

    [Fact]
    public void TryExecute_NonRetriableConverterErrorToleranceAll_SkippedWithoutRetry()
    {
        var (errors, time, reporter) = Create(retryTimeoutMs: 60_000, toleranceAll: true);

        Assert.False(errors.TryExecute<string>(ErrorStage.ValueConverter, "C", () => throw new DataException("bad"), SomeRecord, out _));

        Assert.Empty(time.Waits);
        Assert.IsType<DataException>(Assert.Single(reporter.Reports).Error);
    }

    [Fact]
    public void TryExecute_NonRetriableErrorInAStageWithoutTolerance_FailsWithTheErrorItselfUnreported()
    {
        var (errors, _, reporter) = Create(retryTimeoutMs: 60_000, toleranceAll: true);
        var cause = new ConnectException("broken");

        var e = Assert.Throws<ConnectException>(() => errors.TryExecute<string>(ErrorStage.KafkaProduce, "P", () => throw cause, SomeRecord, out _));

        Assert.Same(cause, e);
        Assert.Empty(reporter.Reports);
    }

    [Fact]
    public void TryExecute_RetryForever_KeepsRetryingPastAnyTimeout()
    {
        var (errors, time, _) = Create(retryTimeoutMs: -1, retryDelayMaxMs: 1_000);
        var attempts = 0;

        Assert.True(errors.TryExecute(ErrorStage.ValueConverter, "C", () => ++attempts < 20 ? throw new RetriableException("blink") : 1, SomeRecord, out _));

        Assert.Equal(19, time.Waits.Count);
        Assert.Equal([300, 600], time.Waits.Take(2));
        Assert.All(time.Waits.Skip(2), wait => Assert.InRange(wait, 0, 999));
    }

    [Fact]
    public void TryExecute_TaskStoppingDuringAWait_AbandonsTheRetry()
    {
        var (errors, time, _) = Create(retryTimeoutMs: -1);
        time.Stopping = true;

        Assert.Throws<OperationCanceledException>(() => errors.TryExecute<int>(ErrorStage.ValueConverter, "C", () => throw new RetriableException("blink"), SomeRecord, out _));
    }

    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 600)]
    [InlineData(8, 38_400)]
    public void Delay_BelowTheMaximum_DoublesFrom300Ms(int attempt, long expectedMs) =>
        Assert.Equal(expectedMs, RetryWithToleranceOperator.Delay(attempt, 60_000, new Random(1)).TotalMilliseconds);

    [Theory]
    [InlineData(9)]
    [InlineData(60)]
    [InlineData(int.MaxValue)]
    public void Delay_BeyondTheMaximum_IsRandomBelowIt(int attempt) =>
        Assert.InRange(RetryWithToleranceOperator.Delay(attempt, 60_000, new Random(attempt)).TotalMilliseconds, 0, 59_999);

    [Fact]
    public void TryExecute_RetriedThenSkipped_CountsKafkasTaskErrorMetrics()
    {
        var metrics = new TaskMetrics(new TaskId("c", 0), TimeProvider.System);
        var (errors, _, _) = Create(retryTimeoutMs: 1_000, toleranceAll: true, metrics: metrics);

        errors.TryExecute<string>(ErrorStage.ValueConverter, "C", () => throw new RetriableException("down"), SomeRecord, out _);
        errors.TryExecute<string>(ErrorStage.ValueConverter, "C", () => throw new DataException("bad"), SomeRecord, out _);

        // Four retriable attempts (waits of 300, 600 and the 100 ms left, then the deadline), then one bad record: Kafka
        // counts each attempt's failure, each record given up on as an error, and each skipped.
        Assert.Equal(5, metrics.TotalRecordFailures);
        Assert.Equal(3, metrics.TotalRetries);
        Assert.Equal(2, metrics.TotalRecordErrors);
        Assert.Equal(2, metrics.TotalRecordsSkipped);
        Assert.True(metrics.LastErrorTimestamp > 0);
    }

    [Fact]
    public void Fail_ToleranceNone_CountsAFailureAndAnError()
    {
        var metrics = new TaskMetrics(new TaskId("c", 0), TimeProvider.System);
        var (errors, _, _) = Create(retryTimeoutMs: 0, metrics: metrics);

        Assert.Throws<ConnectException>(() => errors.Fail(new ErrorContext(ErrorStage.KafkaProduce, "P", new ConnectException("refused"), null, SomeRecord.Source)));

        Assert.Equal(1, metrics.TotalRecordFailures);
        Assert.Equal(1, metrics.TotalRecordErrors);
        Assert.Equal(0, metrics.TotalRecordsSkipped);
    }

    private static (RetryWithToleranceOperator Errors, ManualTime Time, RecordingReporter Reporter) Create(long retryTimeoutMs, bool toleranceAll = false, long retryDelayMaxMs = 60_000, TaskMetrics? metrics = null)
    {
        var config = new ErrorHandlingConfig(retryTimeoutMs, retryDelayMaxMs, toleranceAll, false, false, string.Empty, 3, false);
        var time = new ManualTime();
        var reporter = new RecordingReporter();
        return (new RetryWithToleranceOperator(config, [reporter], time.Wait, time, metrics), time, reporter);
    }

    /// <summary>A clock that only the operator's waits move.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _nowMs;

        public List<long> Waits { get; } = [];

        public bool Stopping { get; set; }

        public override long TimestampFrequency => 1_000;

        public override long GetTimestamp() => _nowMs;

        public bool Wait(TimeSpan delay)
        {
            if (Stopping)
            {
                return false;
            }

            Waits.Add((long)delay.TotalMilliseconds);
            _nowMs += (long)delay.TotalMilliseconds;
            return true;
        }
    }

    private sealed class RecordingReporter : IErrorReporter
    {
        public List<ErrorContext> Reports { get; } = [];

        public void Report(ErrorContext context) => Reports.Add(context);

        public bool Flush(TimeSpan timeout) => true;

        public void Dispose()
        {
        }
    }
}
