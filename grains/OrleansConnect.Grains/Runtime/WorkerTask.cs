using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Grains.Runtime.Metrics;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// One task's loop, run on its own thread outside the grain scheduler. The task grain creates it, starts it, changes
/// its target state and stops it; those calls are thread-safe and only set flags the loop reads between batches.
/// A failure ends the loop with state FAILED and the exception trace; it is never restarted by itself, except after a
/// transient cluster failure (<see cref="ClusterErrors"/>), which is not the task's.
/// </summary>
internal abstract partial class WorkerTask
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly HashSet<string> _activeTopics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedTopics = new(StringComparer.Ordinal);
    private volatile bool _paused;
    private int _startFailures;
    private volatile ConnectorState _state = ConnectorState.Unassigned;
    private Task? _loop;

    protected WorkerTask(TaskAssignment assignment, TaskRuntime runtime)
    {
        Assignment = assignment;
        Runtime = runtime;
        Logger = runtime.LoggerFactory.CreateLogger(GetType());
        Metrics = new TaskMetrics(assignment.Id, TimeProvider.System);
        _paused = assignment.TargetState == TargetState.Paused;
    }

    public TaskAssignment Assignment { get; }

    public ConnectorState State => _state;

    public string? Trace { get; private set; }

    /// <summary>This loop's figures, read by the silo's metrics and <c>GET /connectors/{name}/metrics</c>.</summary>
    public TaskMetrics Metrics { get; }

    /// <summary>True once the loop has ended (stopped or failed).</summary>
    public bool IsCompleted => _loop?.IsCompleted ?? false;

    protected TaskRuntime Runtime { get; }

    protected ILogger Logger { get; }

    protected bool IsPaused => _paused;

    protected CancellationToken Stopping => _stopping.Token;

    protected TimeSpan FlushInterval => TimeSpan.FromMilliseconds(Runtime.Options.OffsetFlushIntervalMs);

    /// <summary>Starts the loop on a dedicated thread (never on the grain's scheduler).</summary>
    public void Start() =>
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public void SetTargetState(TargetState state)
    {
        _paused = state == TargetState.Paused;
        _wake.Release();
    }

    /// <summary>
    /// Asks the loop to finish its batch, commit and stop the plugin task; waits up to <paramref name="graceful"/>,
    /// then abandons it (as Kafka "cancels" a task that does not stop in time).
    /// </summary>
    public async Task StopAsync(TimeSpan graceful)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _wake.Release();
        if (_loop is null)
        {
            return;
        }

        var finished = await Task.WhenAny(_loop, Task.Delay(graceful)).ConfigureAwait(false);
        if (finished != _loop)
        {
            LogAbandoned(Logger, Assignment.Id.ToString(), graceful.TotalMilliseconds);
        }
    }

    /// <summary>The loop body: start the plugin task, run batches until stopped, commit, stop the plugin task.</summary>
    protected abstract Task ExecuteAsync();

    protected void MarkRunning()
    {
        _state = _paused ? ConnectorState.Paused : ConnectorState.Running;
        _startFailures = 0;
    }

    /// <summary>The wait before retrying after the cluster's transient failure number <paramref name="failures"/> (from 0): 1 s doubling up to 30 s.</summary>
    internal static TimeSpan ClusterRetryDelay(int failures) => TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failures, 5)));

    /// <summary>Waits while paused (returns at once when running); wakes on resume, stop, or <paramref name="tick"/>.</summary>
    protected async Task WaitWhilePausedAsync(TimeSpan tick)
    {
        if (!_paused)
        {
            return;
        }

        _state = ConnectorState.Paused;
        await _wake.WaitAsync(tick).ConfigureAwait(false);
        if (!_paused)
        {
            _state = ConnectorState.Running;
        }
    }

    /// <summary>
    /// The connector's <c>errors.*</c> handling for this task: retries, tolerance, and reports to the log (when
    /// <c>errors.log.enable</c>) and to <paramref name="deadLetterQueue"/>.
    /// </summary>
    protected RetryWithToleranceOperator CreateErrorOperator(ErrorHandlingConfig config, IErrorReporter? deadLetterQueue = null)
    {
        var reporters = new List<IErrorReporter>();
        if (config.LogEnable)
        {
            reporters.Add(new LogReporter(Logger, Assignment.Id.ToString(), config.LogIncludeMessages, Metrics));
        }

        if (deadLetterQueue is not null)
        {
            reporters.Add(deadLetterQueue);
        }

        return new RetryWithToleranceOperator(config, reporters, delay => !Stopping.WaitHandle.WaitOne(delay), TimeProvider.System, Metrics);
    }

    /// <summary>
    /// Notes a topic the task produced to or consumed from; called on the loop thread only. The first use of a topic by
    /// this loop is reported at once, as Kafka writes a topic's status when a task first uses it, so
    /// <c>GET /connectors/{name}/topics</c> shows it as soon as records flow.
    /// </summary>
    protected void RecordActiveTopic(string topic)
    {
        if (_activeTopics.Add(topic) && _reportedTopics.Add(topic))
        {
            // One-way: the call is only queued, the loop does not wait.
            _ = SendActiveTopicsAsync([topic]);
        }
    }

    /// <summary>
    /// Tells the connector grain the topics used since the last report (Kafka's topic tracking). Sent every flush
    /// interval as well as on first use, so topics still in use come back after a reset; one-way, so the loop never
    /// waits on the connector grain.
    /// </summary>
    protected Task ReportActiveTopicsAsync()
    {
        if (_activeTopics.Count == 0)
        {
            return Task.CompletedTask;
        }

        var topics = _activeTopics.ToImmutableArray();
        _activeTopics.Clear();
        return SendActiveTopicsAsync(topics);
    }

    private async Task SendActiveTopicsAsync(ImmutableArray<string> topics)
    {
        try
        {
            await Runtime.Grains.GetGrain<IConnectorGrain>(Assignment.Id.Connector).RecordActiveTopicsAsync(topics).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTopicsNotRecorded(Logger, e, Assignment.Id.ToString());
        }
    }

    /// <summary>Time for a graceful plugin stop; a stop with no time left still gets a short grace.</summary>
    protected CancellationToken GracefulStopToken() =>
        new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Max(500, Runtime.Options.TaskShutdownGracefulTimeoutMs))).Token;

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                try
                {
                    await ExecuteAsync().ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (ClusterErrors.IsTransient(e) && !_stopping.IsCancellationRequested)
                {
                    // A grain the task needs (its offsets) sat on a silo that just died, or could not read its state
                    // because the cluster's storage is down: not the task's failure. Run again from the committed
                    // offsets once the cluster has moved that grain or storage is back; a run that fails before the
                    // task started waits longer each time, so a long outage is not hammered.
                    var delay = ClusterRetryDelay(_startFailures++);
                    LogClusterUnavailable(Logger, e, Assignment.Id.ToString(), (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                }
            }

            _state = ConnectorState.Unassigned;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            _state = ConnectorState.Unassigned;
        }
        catch (Exception e)
        {
            Trace = e is ConfigException ? e.Message + Environment.NewLine + e : e.ToString();
            _state = ConnectorState.Failed;
            LogFailed(Logger, e, Assignment.Id.ToString());
            if (!_stopping.IsCancellationRequested)
            {
                // Not awaited: the grain may be busy, and a grain that is stopping this loop ignores it anyway.
                _ = ReportFailureAsync(Trace);
            }
        }
    }

    /// <summary>
    /// Has the task grain persist the failure, so FAILED and its trace survive a restart or a silo move. While the
    /// cluster cannot (storage down, the grain moving), tries again with backoff until it can or the loop is stopped;
    /// the status shows FAILED from the loop meanwhile.
    /// </summary>
    private async Task ReportFailureAsync(string trace)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Runtime.Grains.GetGrain<ITaskGrain>(Assignment.Id.ToGrainKey()).ReportFailureAsync(Assignment.Generation, trace).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (ClusterErrors.IsTransient(e) && !_stopping.IsCancellationRequested)
            {
                var delay = ClusterRetryDelay(attempt);
                LogReportDeferred(Logger, e, Assignment.Id.ToString(), (long)delay.TotalMilliseconds);
                try
                {
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception e)
            {
                LogReportFailed(Logger, e, Assignment.Id.ToString());
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: a grain it needs is unavailable (its silo left, or the cluster's storage is down); running it again in {DelayMs} ms")]
    private static partial void LogClusterUnavailable(ILogger logger, Exception exception, string taskId, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: could not persist its failure yet (the cluster's storage or the task grain is unavailable); trying again in {DelayMs} ms")]
    private static partial void LogReportDeferred(ILogger logger, Exception exception, string taskId, long delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId} failed; it stays FAILED until restarted")]
    private static partial void LogFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: could not persist its failure; its status shows it until the silo restarts")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: could not record its active topics; it tries again at the next flush")]
    private static partial void LogTopicsNotRecorded(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} did not stop within {GracefulMs} ms; abandoned")]
    private static partial void LogAbandoned(ILogger logger, string taskId, double gracefulMs);
}
