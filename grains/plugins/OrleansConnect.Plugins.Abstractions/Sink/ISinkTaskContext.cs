namespace OrleansConnect.Plugins.Sink;

/// <summary>
/// What the runtime offers a sink task, as Kafka's <c>SinkTaskContext</c>. Call it from the task's own methods
/// (the loop thread); the effects apply before the next batch is consumed.
/// </summary>
public interface ISinkTaskContext
{
    /// <summary>The task's configuration, as given to <see cref="SinkTask.StartAsync"/>.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>The partitions currently assigned to the task.</summary>
    IReadOnlyCollection<TopicPartition> Assignment { get; }

    /// <summary>Rewinds or skips: consume these partitions from these offsets next (for sinks that track offsets themselves).</summary>
    /// <param name="offsets">The next offset to consume, per partition.</param>
    void Offset(IReadOnlyDictionary<TopicPartition, long> offsets);

    /// <summary>Sets how long to wait before the same batch is delivered again after a <see cref="Errors.RetriableException"/> from <see cref="SinkTask.PutAsync"/>.</summary>
    /// <param name="timeoutMs">Milliseconds.</param>
    void Timeout(long timeoutMs);

    /// <summary>Stops consuming these partitions until <see cref="Resume"/>; the position is kept.</summary>
    /// <param name="partitions">The partitions.</param>
    void Pause(params TopicPartition[] partitions);

    /// <summary>Resumes partitions paused by <see cref="Pause"/>.</summary>
    /// <param name="partitions">The partitions.</param>
    void Resume(params TopicPartition[] partitions);

    /// <summary>Asks for an offset commit (flush, then commit) as soon as possible instead of at the next interval.</summary>
    void RequestCommit();

    /// <summary>Where the task reports records it cannot write (dead letter queue, log), under the connector's <c>errors.*</c> settings.</summary>
    IErrantRecordReporter ErrantRecordReporter { get; }
}
