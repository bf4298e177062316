namespace OrleansConnect.Plugins.Source;

/// <summary>
/// A source task, as Kafka's <c>SourceTask</c>: it reads records from an external system. The runtime calls
/// <see cref="Initialize"/>, <see cref="StartAsync"/>, then <see cref="PollAsync"/> in a loop on a dedicated thread
/// (never concurrently with itself), and <see cref="StopAsync"/> once at the end. The runtime converts and produces
/// what <see cref="PollAsync"/> returns and commits each record's source offset once Kafka has acknowledged it
/// (every <c>offset.flush.interval.ms</c>), so after a crash the task may see records again (at-least-once), never fewer.
/// </summary>
public abstract class SourceTask
{
    private ISourceTaskContext? _context;

    /// <summary>The context set by <see cref="Initialize"/>.</summary>
    /// <exception cref="InvalidOperationException">Read before <see cref="Initialize"/>.</exception>
    protected ISourceTaskContext Context => _context ?? throw new InvalidOperationException("The task has not been initialized.");

    /// <summary>The plugin version; by default the informational version of the plugin's assembly.</summary>
    public virtual string Version => PluginVersion.Of(GetType());

    /// <summary>Called once before <see cref="StartAsync"/>.</summary>
    /// <param name="context">The runtime's context for this task.</param>
    public virtual void Initialize(ISourceTaskContext context) => _context = context;

    /// <summary>Starts the task: open connections, read committed offsets from <see cref="ISourceTaskContext.OffsetStorageReader"/>.</summary>
    /// <param name="props">The task configuration from <see cref="Connector.Connector.TaskConfigs"/>.</param>
    /// <param name="cancellationToken">Cancelled when the task is being stopped.</param>
    /// <returns>A task that completes when started.</returns>
    public abstract Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the next records. May wait a short while (about a second at most) for data; returns null or an empty
    /// list when there is nothing now. Cancellation means the task is pausing or stopping: return promptly (throwing
    /// <see cref="OperationCanceledException"/> is fine; records already returned are not lost).
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the task is pausing or stopping.</param>
    /// <returns>The records, or null.</returns>
    /// <exception cref="Errors.RetriableException">A transient failure; the runtime polls again after a backoff.</exception>
    public abstract Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken);

    /// <summary>Called after the runtime committed offsets, for sources that acknowledge reads upstream. Default: nothing.</summary>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when done.</returns>
    public virtual Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called once per record after Kafka acknowledged it, or with null metadata when a transformation dropped it.
    /// Runs on a producer callback thread; keep it short. Default: nothing.
    /// </summary>
    /// <param name="record">The record as polled (before transformations).</param>
    /// <param name="metadata">Where Kafka stored it, or null when it was not written.</param>
    public virtual void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
    }

    /// <summary>Stops the task and releases its resources. Called once, after the last <see cref="PollAsync"/> returned.</summary>
    /// <param name="cancellationToken">Cancelled when the graceful shutdown time is over.</param>
    /// <returns>A task that completes when stopped.</returns>
    public abstract Task StopAsync(CancellationToken cancellationToken);
}
