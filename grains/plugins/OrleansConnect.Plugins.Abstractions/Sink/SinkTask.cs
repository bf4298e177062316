namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// A sink task, as Kafka's <c>SinkTask</c>: it writes records consumed from Kafka to an external system. The runtime
/// calls <see cref="Initialize"/>, <see cref="StartAsync"/>, <see cref="OpenAsync"/> for each new assignment, then
/// <see cref="PutAsync"/> with each converted and transformed batch, and every <c>offset.flush.interval.ms</c>
/// <see cref="PreCommitAsync"/> (by default <see cref="FlushAsync"/>) before committing the returned offsets to the
/// consumer group; <see cref="CloseAsync"/> when partitions are revoked, <see cref="StopAsync"/> once at the end. All
/// calls come from one thread, never concurrently. Records put but not yet flushed may be delivered again after a
/// crash (at-least-once).
/// </summary>
public abstract class SinkTask
{
    private ISinkTaskContext? _context;

    /// <summary>The context set by <see cref="Initialize"/>.</summary>
    /// <exception cref="InvalidOperationException">Read before <see cref="Initialize"/>.</exception>
    protected ISinkTaskContext Context => _context ?? throw new InvalidOperationException("The task has not been initialized.");

    /// <summary>The plugin version; by default the informational version of the plugin's assembly.</summary>
    public virtual string Version => PluginVersion.Of(GetType());

    /// <summary>Called once before <see cref="StartAsync"/>.</summary>
    /// <param name="context">The runtime's context for this task.</param>
    public virtual void Initialize(ISinkTaskContext context) => _context = context;

    /// <summary>Starts the task: open connections, read settings.</summary>
    /// <param name="props">The task configuration from <see cref="Connector.Connector.TaskConfigs"/>.</param>
    /// <param name="cancellationToken">Cancelled when the task is being stopped.</param>
    /// <returns>A task that completes when started.</returns>
    public abstract Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch (may be empty, to let the task do periodic work). May buffer: only what <see cref="FlushAsync"/>
    /// completes counts as delivered.
    /// </summary>
    /// <param name="records">The records in consumption order per partition.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when the batch is accepted.</returns>
    /// <exception cref="Errors.RetriableException">A transient failure; the same batch is delivered again after <see cref="ISinkTaskContext.Timeout"/>.</exception>
    public abstract Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken);

    /// <summary>Makes everything put so far durable in the target system. Default: nothing (for sinks that write in put).</summary>
    /// <param name="currentOffsets">The next offset to consume per partition, after the records put so far.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when flushed.</returns>
    public virtual Task FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called before an offset commit: returns the offsets that are safe to commit. Default: <see cref="FlushAsync"/>,
    /// then all of <paramref name="currentOffsets"/>. Return fewer (or smaller) offsets for sinks that flush lazily.
    /// </summary>
    /// <param name="currentOffsets">The next offset to consume per partition.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>The offsets to commit.</returns>
    public virtual async Task<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        return currentOffsets;
    }

    /// <summary>Called when partitions are assigned to the task, before records of them are put. Default: nothing.</summary>
    /// <param name="partitions">The newly assigned partitions.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when done.</returns>
    public virtual Task OpenAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when partitions are revoked, after their last commit. Default: nothing.</summary>
    /// <param name="partitions">The revoked partitions.</param>
    /// <param name="cancellationToken">Cancelled when the task is stopping.</param>
    /// <returns>A task that completes when done.</returns>
    public virtual Task CloseAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops the task and releases its resources. Called once, after the last commit.</summary>
    /// <param name="cancellationToken">Cancelled when the graceful shutdown time is over.</param>
    /// <returns>A task that completes when stopped.</returns>
    public abstract Task StopAsync(CancellationToken cancellationToken);
}
