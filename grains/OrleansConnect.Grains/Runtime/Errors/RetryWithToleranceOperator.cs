using OrleansConnect.Grains.Runtime.Metrics;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>
/// Runs one step of a record's way through a task (a converter, a transformation, a produce) under the connector's
/// <c>errors.*</c> settings, as Kafka's operator of the same name: a <see cref="RetriableException"/> is retried while
/// <c>errors.retry.timeout</c> allows, waiting 300 ms, 600 ms, 1.2 s... and, once that would pass
/// <c>errors.retry.delay.max.ms</c>, a random time below it, never past the deadline. A step that still fails is
/// reported (log, dead letter queue); then with <c>errors.tolerance=all</c> the record is skipped, with <c>none</c>
/// the task fails with "Tolerance exceeded in error handler". Errors a stage does not tolerate
/// (<see cref="ErrorStages.ToleratesAnyError"/>) fail the task at once. Used from the task's loop thread only.
/// </summary>
internal sealed class RetryWithToleranceOperator : IDisposable
{
    public const long MinRetryDelayMs = 300;
    public const string ToleranceExceeded = "Tolerance exceeded in error handler";

    private readonly ErrorHandlingConfig _config;
    private readonly IReadOnlyList<IErrorReporter> _reporters;
    private readonly Func<TimeSpan, bool> _sleep;
    private readonly TimeProvider _time;
    private readonly TaskMetrics? _metrics;

    /// <param name="config">The connector's <c>errors.*</c> settings.</param>
    /// <param name="reporters">Where failures are reported.</param>
    /// <param name="sleep">Waits the given time; false when the task is stopping (the retry is abandoned).</param>
    /// <param name="time">The clock of the retry deadline.</param>
    /// <param name="metrics">The task's <c>task-error-metrics</c>, counted as Kafka's operator counts them.</param>
    public RetryWithToleranceOperator(ErrorHandlingConfig config, IReadOnlyList<IErrorReporter> reporters, Func<TimeSpan, bool> sleep, TimeProvider time, TaskMetrics? metrics = null)
    {
        _metrics = metrics;
        _config = config;
        _reporters = reporters;
        _sleep = sleep;
        _time = time;
    }

    /// <summary>Records skipped under <c>errors.tolerance=all</c> so far.</summary>
    public long Skipped { get; private set; }

    /// <summary>Retries made so far.</summary>
    public long Retries { get; private set; }

    /// <summary>
    /// Runs <paramref name="operation"/>: true with its result, or false when it failed and the record is to be
    /// skipped. Throws when the failure is not tolerated.
    /// </summary>
    /// <param name="stage">The stage of the operation.</param>
    /// <param name="className">The class doing it (converter, transformation, task).</param>
    /// <param name="operation">The operation.</param>
    /// <param name="record">The record as the task saw it: the consumed message of a sink, or the source record.</param>
    /// <param name="result">The operation's result, when it succeeded.</param>
    public bool TryExecute<T>(ErrorStage stage, string className, Func<T> operation, RecordInError record, out T result)
    {
        var start = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = operation();
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (e is not RetriableException && !stage.ToleratesAnyError())
                {
                    throw;
                }

                _metrics?.RecordFailure();
                if (e is RetriableException && MayRetry(start))
                {
                    Backoff(attempt, start);
                    Retries++;
                    _metrics?.RecordRetry();
                    continue;
                }

                // Kafka counts a record in error once the operation gave up on it, tolerated or not.
                _metrics?.RecordError();
                Report(new ErrorContext(stage, className, e, record.Consumed, record.Source));
                result = default!;
                return false;
            }
        }
    }

    /// <summary>
    /// A failure that has already happened (a produce that failed, a record the sink task reported as errant):
    /// reported, then skipped (returns) or fatal (throws), as for <see cref="TryExecute{T}"/>.
    /// </summary>
    public void Fail(ErrorContext context)
    {
        // Kafka's executeFailed: a failure, and a record in error only when it is not tolerated.
        _metrics?.RecordFailure();
        if (!_config.ToleranceAll)
        {
            _metrics?.RecordError();
        }

        Report(context);
    }

    /// <summary>Waits until every report is durable; false when some is still outstanding after the timeout.</summary>
    public bool Flush(TimeSpan timeout) => _reporters.All(r => r.Flush(timeout));

    /// <summary>The wait before retry number <paramref name="attempt"/>, as Kafka computes it (without the deadline cap).</summary>
    public static TimeSpan Delay(int attempt, long maxDelayMs, Random random)
    {
        var delay = attempt > 40 ? long.MaxValue : MinRetryDelayMs << Math.Min(attempt - 1, 40);
        if (delay > maxDelayMs)
        {
            delay = random.NextInt64(maxDelayMs);
        }

        return TimeSpan.FromMilliseconds(delay);
    }

    public void Dispose()
    {
        foreach (var reporter in _reporters)
        {
            reporter.Dispose();
        }
    }

    private void Report(ErrorContext context)
    {
        foreach (var reporter in _reporters)
        {
            reporter.Report(context);
        }

        if (!_config.ToleranceAll)
        {
            throw new ConnectException(ToleranceExceeded, context.Error);
        }

        Skipped++;
        _metrics?.RecordSkipped();
    }

    private bool MayRetry(long start) =>
        _config.RetryTimeoutMs == -1 || _time.GetElapsedTime(start).TotalMilliseconds < _config.RetryTimeoutMs;

    /// <summary>Waits before the next attempt, never past the deadline; throws when the task is stopping.</summary>
    private void Backoff(int attempt, long start)
    {
        var delay = Delay(attempt, _config.RetryDelayMaxMs, Random.Shared);
        if (_config.RetryTimeoutMs != -1)
        {
            var left = TimeSpan.FromMilliseconds(_config.RetryTimeoutMs) - _time.GetElapsedTime(start);
            delay = left < delay ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : delay;
        }

        if (!_sleep(delay))
        {
            throw new OperationCanceledException("The task is stopping");
        }
    }
}
