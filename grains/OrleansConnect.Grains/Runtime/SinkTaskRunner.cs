using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Offsets;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Sink;
using ConnectTopicPartition = OrleansConnect.Plugins.TopicPartition;
using ErrorCode = Confluent.Kafka.ErrorCode;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The sink loop: consumer group <c>connect-{name}</c> → converters → transformations → <c>PutAsync</c>. Every
/// <c>offset.flush.interval.ms</c>, on a requested commit, on revocation and when stopping it calls
/// <c>PreCommitAsync</c> (flush) and commits what that returns, so a committed offset is always delivered.
/// Records that fail conversion or a transformation, or that the task reports as errant, are handled by the
/// connector's <c>errors.*</c> settings: skipped and reported (dead letter queue, log), or the task fails at that
/// record after putting and committing the records before it.
/// A position that is no longer in the log (retention deleted records the task had not read) is never skipped
/// silently: the gap is logged with its offsets and counted in <see cref="LostRecords"/>, or, with
/// <c>consumer.override.auto.offset.reset=none</c>, the task fails naming the partition and offsets. A subscribed
/// topic that does not exist yet is waited for, not a failure.
/// </summary>
internal sealed partial class SinkTaskRunner(TaskAssignment assignment, TaskRuntime runtime) : WorkerTask(assignment, runtime)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan OffsetQueryTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<ConnectTopicPartition, long> _currentOffsets = [];

    // Where each assigned partition resumes (its committed offset, or a task's seek) until its first record arrives.
    private readonly Dictionary<ConnectTopicPartition, long> _startOffsets = [];
    private readonly HashSet<ConnectTopicPartition> _assignment = [];

    // The consumed message of each record of the batch being put, for the errant record reporter.
    private readonly Dictionary<SinkRecord, ConsumeResult<byte[]?, byte[]?>> _origins = new(ReferenceEqualityComparer.Instance);
    private RetryWithToleranceOperator _errors = null!;
    private SinkTask? _task;
    private SinkTaskContext? _context;
    private bool _consumerPaused;
    private bool _assignmentChanged;
    private bool _failed;
    private long _lostRecords;

    /// <summary>
    /// Records this loop skipped because they were deleted before it read them (Kafka's retention, or the embedded
    /// Kafka's limit per partition); read from any thread. The task's error figures, for the metrics to come.
    /// </summary>
    public long LostRecords => Interlocked.Read(ref _lostRecords);

    protected override async Task ExecuteAsync()
    {
        var config = Assignment.ConnectorConfig;
        var registry = Runtime.Registry;
        var plugin = registry.ResolveConnector(config[ConnectorConfig.ConnectorClassConfig]);
        var taskType = registry.Create<OrleansConnect.Plugins.Connector.Connector>(plugin).TaskType;
        _task = Activator.CreateInstance(taskType) as SinkTask ?? throw new ConnectException($"{taskType} is not a SinkTask");
        var task = _task;
        var converters = RecordConverters.Create(registry, Runtime.Options, config);
        using var transforms = TransformationChain.Create(registry, config);
        using var errors = await CreateErrorOperatorAsync(config).ConfigureAwait(false);
        _errors = errors;
        var connector = Assignment.Id.Connector;
        var consumerConfig = Runtime.Kafka.ConsumerConfig($"connect-{connector}", $"connector-consumer-{connector}-{Assignment.Id.Task}", AbstractConfig.WithPrefix(config, "consumer.override."));
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions.Select(p => p.TopicPartition)))
            .Build();

        _context = new SinkTaskContext(Assignment.TaskConfig, new ErrantRecordReporter(this, taskType.FullName!));
        task.Initialize(_context);
        await task.StartAsync(Assignment.TaskConfig, Stopping).ConfigureAwait(false);
        Subscribe(consumer, config);
        MarkRunning();
        LogStarted(Logger, Assignment.Id.ToString());
        var sinceCommit = Stopwatch.StartNew();
        try
        {
            while (!Stopping.IsCancellationRequested)
            {
                ApplyPause(consumer);
                ApplyContextRequests(consumer);
                var (batch, failure) = Consume(consumer, config, converters, transforms);
                if (batch.Count > 0)
                {
                    await PutAsync(task, batch).ConfigureAwait(false);
                }

                if (failure is not null)
                {
                    // The records before the failed one are delivered: commit them, so a restart resumes at it.
                    await CommitAsync(consumer, _assignment).ConfigureAwait(false);
                    failure.Throw();
                }

                if (sinceCommit.Elapsed >= FlushInterval || _context.CommitRequested)
                {
                    _context.CommitRequested = false;
                    await CommitAsync(consumer, _assignment).ConfigureAwait(false);
                    await ReportActiveTopicsAsync().ConfigureAwait(false);
                    sinceCommit.Restart();
                }
            }

            // Close revokes the assignment, which commits (OnRevoked) and closes the partitions in the task.
            await CommitAsync(consumer, _assignment).ConfigureAwait(false);
            consumer.Close();
            if (_assignment.Count > 0)
            {
                await task.CloseAsync([.. _assignment], GracefulStopToken()).ConfigureAwait(false);
            }
        }
        catch
        {
            // Leave the group at once, so a restarted task gets the partitions without waiting for the session to
            // time out; without committing anything more: what was consumed may not be delivered.
            _failed = true;
            consumer.Close();
            throw;
        }
        finally
        {
            await task.StopAsync(GracefulStopToken()).ConfigureAwait(false);
        }
    }

    private void Subscribe(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyDictionary<string, string> config)
    {
        var topics = config.TryGetValue(SinkConnector.TopicsConfig, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        if (topics.Length > 0)
        {
            // Not created here: a topic that does not exist yet is consumed from its start once it does (Consume).
            consumer.Subscribe(topics);
        }
        else
        {
            // Matching nothing yet is no error: librdkafka subscribes to matching topics as its metadata refresh finds them.
            consumer.Subscribe(KafkaCluster.RegexSubscription(config[SinkConnector.TopicsRegexConfig]));
        }
    }

    /// <summary>
    /// Consumes, converts and transforms up to a batch. A failure that is not tolerated ends the batch before the
    /// failed record and is returned, to be thrown once the records before it are put and committed.
    /// </summary>
    private (List<SinkRecord> Batch, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure) Consume(
        IConsumer<byte[]?, byte[]?> consumer, IReadOnlyDictionary<string, string> config, RecordConverters converters, TransformationChain transforms)
    {
        var batch = new List<SinkRecord>();
        var read = 0;
        try
        {
            return ConsumeBatch(consumer, config, converters, transforms, batch, ref read);
        }
        finally
        {
            if (read > 0)
            {
                Metrics.RecordRead(read);
            }
        }
    }

    private (List<SinkRecord> Batch, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure) ConsumeBatch(
        IConsumer<byte[]?, byte[]?> consumer, IReadOnlyDictionary<string, string> config, RecordConverters converters, TransformationChain transforms, List<SinkRecord> batch, ref int read)
    {
        for (var i = 0; i < MaxBatch && !Stopping.IsCancellationRequested; i++)
        {
            ConsumeResult<byte[]?, byte[]?> result;
            try
            {
                result = consumer.Consume(i == 0 ? PollTimeout : TimeSpan.Zero);
            }
            catch (ConsumeException e) when (e.Error.Code is ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic)
            {
                // Kafka Connect's sink waits for its topic ("sink first, then the source"); librdkafka says this once
                // per topic and subscribes to it when a metadata refresh finds it.
                LogTopicNotAvailable(Logger, Assignment.Id.ToString(), e.Error.Reason);
                break;
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.Local_AutoOffsetReset)
            {
                throw OffsetOutOfRange(consumer, config, e);
            }

            if (result is null)
            {
                break;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            read++;

            RecordActiveTopic(result.Topic);
            var partition = new ConnectTopicPartition(result.Topic, result.Partition.Value);
            if ((_currentOffsets.TryGetValue(partition, out var expected) || _startOffsets.Remove(partition, out expected))
                && result.Offset.Value != expected)
            {
                CheckSkipped(consumer, partition, expected, result.Offset.Value);
            }

            SinkRecord? transformed;
            try
            {
                var inError = new RecordInError(result, null);
                transformed = ToSinkRecord(result, converters, inError) is { } record
                    ? transforms.Apply(record, _errors, inError) as SinkRecord
                    : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (batch, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
            }

            // Delivered, dropped by a transformation or skipped under errors.tolerance=all: the offset moves past it.
            _currentOffsets[partition] = result.Offset.Value + 1;
            if (transformed is not null)
            {
                batch.Add(transformed);
                _origins[transformed] = result;
            }
        }

        return (batch, null);
    }

    /// <summary>The consumed message as a sink record; null when a converter failed and the record is skipped.</summary>
    private SinkRecord? ToSinkRecord(ConsumeResult<byte[]?, byte[]?> result, RecordConverters converters, RecordInError inError)
    {
        var topic = result.Topic;
        var headers = new ConnectHeaders();
        var headerConverter = converters.Header.GetType().FullName!;
        foreach (var header in result.Message.Headers ?? [])
        {
            if (!_errors.TryExecute(ErrorStage.HeaderConverter, headerConverter, () => converters.Header.ToConnectHeader(topic, header.Key, header.GetValueBytes()), inError, out var value))
            {
                return null;
            }

            headers.Add(new OrleansConnect.Plugins.Headers.Header(header.Key, value.Schema, value.Value));
        }

        if (!_errors.TryExecute(ErrorStage.KeyConverter, converters.Key.GetType().FullName!, () => converters.Key.ToConnectData(topic, headers, result.Message.Key), inError, out var key)
            || !_errors.TryExecute(ErrorStage.ValueConverter, converters.Value.GetType().FullName!, () => converters.Value.ToConnectData(topic, headers, result.Message.Value), inError, out var value2))
        {
            return null;
        }

        var timestamp = result.Message.Timestamp;
        var (ts, type) = timestamp.Type switch
        {
            Confluent.Kafka.TimestampType.CreateTime => ((long?)timestamp.UnixTimestampMs, OrleansConnect.Plugins.Sink.TimestampType.CreateTime),
            Confluent.Kafka.TimestampType.LogAppendTime => (timestamp.UnixTimestampMs, OrleansConnect.Plugins.Sink.TimestampType.LogAppendTime),
            _ => (null, OrleansConnect.Plugins.Sink.TimestampType.NoTimestampType),
        };
        return new SinkRecord(topic, result.Partition.Value, key.Schema, key.Value, value2.Schema, value2.Value, result.Offset.Value, ts, type, headers);
    }

    /// <summary>The error handling of the connector's <c>errors.*</c> keys, with its dead letter queue producer when one is set.</summary>
    private async Task<RetryWithToleranceOperator> CreateErrorOperatorAsync(IReadOnlyDictionary<string, string> config)
    {
        var settings = ErrorHandlingConfig.From(config);
        if (settings.DeadLetterQueueTopic.Length == 0)
        {
            return CreateErrorOperator(settings);
        }

        await Runtime.Kafka.CreateTopicIfMissingAsync(settings.DeadLetterQueueTopic, settings.DeadLetterQueueReplicationFactor).ConfigureAwait(false);
        var clientId = $"connector-dlq-producer-{Assignment.Id.Connector}-{Assignment.Id.Task}";
        var producer = new ProducerBuilder<byte[]?, byte[]?>(Runtime.Kafka.ProducerConfig(clientId, AbstractConfig.WithPrefix(config, "producer.override."))).Build();
        return CreateErrorOperator(settings, new DeadLetterQueueReporter(producer, settings.DeadLetterQueueTopic, Assignment.Id, settings.DeadLetterQueueContextHeaders, Metrics));
    }

    private async Task PutAsync(SinkTask task, List<SinkRecord> batch)
    {
        while (true)
        {
            try
            {
                var start = Stopwatch.GetTimestamp();
                await task.PutAsync(batch, Stopping).ConfigureAwait(false);
                Metrics.RecordPut(batch.Count, start);
                _origins.Clear();
                return;
            }
            catch (RetriableException e) when (!Stopping.IsCancellationRequested)
            {
                // Kafka redelivers the same batch after the task's timeout, without limit: the target is down, not the record.
                LogRetriablePut(Logger, e, Assignment.Id.ToString(), _context!.TimeoutMs);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, _context.TimeoutMs)), Stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<ConnectTopicPartition> partitions)
    {
        var current = partitions.Where(_currentOffsets.ContainsKey).ToDictionary(p => p, p => _currentOffsets[p]);
        if (current.Count == 0 || _task is null)
        {
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var safe = await _task.PreCommitAsync(current, CancellationToken.None).ConfigureAwait(false);
        if (!_errors.Flush(TimeSpan.FromMilliseconds(Runtime.Options.OffsetFlushTimeoutMs)))
        {
            // Dead letter queue records still in flight: committing past them could lose them. Next interval.
            Metrics.RecordCommitSkip();
            LogDeadLetterQueueTimeout(Logger, Assignment.Id.ToString());
            return;
        }

        var offsets = safe.Where(p => _assignment.Contains(p.Key))
            .Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value))
            .ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            Metrics.RecordCommit(success: true, start);
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            Metrics.RecordCommit(success: false, start);
            // E.g. a rebalance in progress: as Kafka, not the task's failure. These offsets are committed with the
            // next ones, or the partition's next owner reads again from the last commit (at-least-once).
            LogCommitFailed(Logger, e, Assignment.Id.ToString());
        }
    }

    private void ApplyPause(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (IsPaused == _consumerPaused && !_assignmentChanged)
        {
            return;
        }

        _assignmentChanged = false;

        var partitions = _assignment.Select(ToKafka).ToList();
        if (IsPaused)
        {
            consumer.Pause(partitions);
        }
        else
        {
            consumer.Resume(partitions.Where(p => !_context!.IsPausedByTask(new ConnectTopicPartition(p.Topic, p.Partition.Value))));
        }

        _consumerPaused = IsPaused;
        MarkRunning();
    }

    private void ApplyContextRequests(IConsumer<byte[]?, byte[]?> consumer)
    {
        var (seeks, pauses, resumes) = _context!.TakeRequests();
        foreach (var (partition, offset) in seeks.Where(s => _assignment.Contains(s.Key)))
        {
            consumer.Seek(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));
            _currentOffsets[partition] = offset;
        }

        consumer.Pause(pauses.Where(_assignment.Contains).Select(ToKafka));
        if (!IsPaused)
        {
            consumer.Resume(resumes.Where(_assignment.Contains).Select(ToKafka));
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<KafkaTopicPartition> partitions)
    {
        var assigned = partitions.Select(p => new ConnectTopicPartition(p.Topic, p.Partition.Value)).ToList();
        foreach (var partition in assigned)
        {
            _assignment.Add(partition);
        }

        ReadStartOffsets(consumer, partitions);
        Metrics.SetPartitionCount(_assignment.Count);

        _context!.Assignment = [.. _assignment];
        _task!.OpenAsync(assigned, Stopping).GetAwaiter().GetResult();
        LogAssigned(Logger, Assignment.Id.ToString(), string.Join(", ", assigned));
        var (seeks, _, _) = _context.TakeRequests();
        foreach (var (partition, offset) in seeks)
        {
            _startOffsets[partition] = offset;
        }

        var result = partitions
            .Select(p => seeks.TryGetValue(new ConnectTopicPartition(p.Topic, p.Partition.Value), out var offset)
                ? new TopicPartitionOffset(p, offset)
                : new TopicPartitionOffset(p, Offset.Unset))
            .ToList();
        // Partitions assigned while the connector is paused must be paused too; the loop does it before consuming.
        _assignmentChanged = true;
        return result;
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<KafkaTopicPartition> partitions)
    {
        var revoked = partitions.Select(p => new ConnectTopicPartition(p.Topic, p.Partition.Value)).ToList();
        if (!_failed)
        {
            CommitAsync(consumer, revoked).GetAwaiter().GetResult();
        }

        _task!.CloseAsync(revoked, CancellationToken.None).GetAwaiter().GetResult();
        Forget(revoked);
    }

    private void OnLost(IEnumerable<KafkaTopicPartition> partitions)
    {
        // Lost partitions belong to another member already: no commit, only close.
        var lost = partitions.Select(p => new ConnectTopicPartition(p.Topic, p.Partition.Value)).ToList();
        _task!.CloseAsync(lost, CancellationToken.None).GetAwaiter().GetResult();
        Forget(lost);
    }

    private void Forget(List<ConnectTopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _assignment.Remove(partition);
            _currentOffsets.Remove(partition);
            _startOffsets.Remove(partition);
        }

        _context!.Assignment = [.. _assignment];
        Metrics.SetPartitionCount(_assignment.Count);
    }

    /// <summary>
    /// Notes the committed offset of each newly assigned partition: where its first record should be. A partition with
    /// no committed offset starts by the policy (<c>auto.offset.reset</c>), which is no gap.
    /// </summary>
    private void ReadStartOffsets(IConsumer<byte[]?, byte[]?> consumer, List<KafkaTopicPartition> partitions)
    {
        try
        {
            foreach (var committed in consumer.Committed(partitions, OffsetQueryTimeout).Where(c => c.Offset.Value >= 0))
            {
                _startOffsets[new ConnectTopicPartition(committed.Topic, committed.Partition.Value)] = committed.Offset.Value;
            }
        }
        catch (KafkaException e)
        {
            LogStartOffsetsUnknown(Logger, e, Assignment.Id.ToString(), string.Join(", ", partitions));
        }
    }

    /// <summary>
    /// A record at another offset than the one expected. Offsets may jump legitimately (transaction markers, compacted
    /// records), so only a log start above the expected offset means records were deleted unread, and the consumer
    /// jumped past them (<c>auto.offset.reset</c> earliest or latest). A jump back means the position was past the
    /// log's end (a re-created or truncated topic): records are read again, nothing is lost.
    /// </summary>
    private void CheckSkipped(IConsumer<byte[]?, byte[]?> consumer, ConnectTopicPartition partition, long expected, long offset)
    {
        if (offset < expected)
        {
            LogPositionReset(Logger, Assignment.Id.ToString(), partition.Topic, partition.Partition, expected, offset);
            return;
        }

        // The log start of the fetch response that carried this record, or a later one: cached, no request.
        var logStart = consumer.GetWatermarkOffsets(ToKafka(partition)).Low.Value;
        if (logStart > expected)
        {
            var skipped = offset - expected;
            Interlocked.Add(ref _lostRecords, skipped);
            LogRecordsSkipped(Logger, Assignment.Id.ToString(), partition.Topic, partition.Partition, expected, offset - 1, skipped, logStart);
        }
    }

    /// <summary>
    /// The failure of a partition that librdkafka did not reset under <c>auto.offset.reset=none</c>: the position is no
    /// longer in the log, or there is no committed offset. Names the partition, the offsets and what was deleted.
    /// </summary>
    private ConnectException OffsetOutOfRange(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyDictionary<string, string> config, ConsumeException e)
    {
        var record = e.ConsumerRecord;
        var tp = record?.TopicPartition;
        if (tp is null)
        {
            return new ConnectException($"The consumer could not reset its position and consumer.override.{KafkaCluster.AutoOffsetResetConfig}={KafkaCluster.AutoOffsetResetNone}: {e.Error.Reason}", e);
        }

        var position = record!.Offset.Value;
        if (position < 0)
        {
            return new ConnectException(
                $"Topic {tp.Topic} partition {tp.Partition.Value} has no committed offset for consumer group {SinkOffsetStore.GroupId(Assignment.Id.Connector, config)}, and consumer.override.{KafkaCluster.AutoOffsetResetConfig}={KafkaCluster.AutoOffsetResetNone} asks to fail rather than choose where to start ({e.Error.Reason})", e);
        }

        string logRange;
        try
        {
            var watermarks = consumer.QueryWatermarkOffsets(tp, OffsetQueryTimeout);
            var deleted = watermarks.Low.Value > position
                ? $"; offsets {position} to {watermarks.Low.Value - 1} ({watermarks.Low.Value - position} records) were deleted before this task read them"
                : string.Empty;
            logRange = $"the log holds offsets {watermarks.Low.Value} to {watermarks.High.Value - 1}{deleted}";
        }
        catch (KafkaException query)
        {
            logRange = $"the log's offsets could not be read: {query.Error.Reason}";
        }

        return new ConnectException(
            $"Topic {tp.Topic} partition {tp.Partition.Value}: the position {position} is no longer in the log ({logRange}). consumer.override.{KafkaCluster.AutoOffsetResetConfig}={KafkaCluster.AutoOffsetResetNone} asks to fail rather than skip ({e.Error.Reason})", e);
    }

    private static KafkaTopicPartition ToKafka(ConnectTopicPartition p) => new(p.Topic, new Partition(p.Partition));

    [LoggerMessage(Level = LogLevel.Error, Message = "Sink task {TaskId}: records {Topic} partition {Partition} offsets {FirstOffset} to {LastOffset} were deleted before this task read them; {Skipped} records skipped (the log now starts at {LogStartOffset}). Retention deleted them, or the embedded Kafka's limit per partition. Set consumer.override.auto.offset.reset=none to fail the task instead")]
    private static partial void LogRecordsSkipped(ILogger logger, string taskId, string topic, int partition, long firstOffset, long lastOffset, long skipped, long logStartOffset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: {Topic} partition {Partition} expected offset {Expected}, got {Offset}: the position was past the end of the log (a re-created or truncated topic); records from {Offset} on are read again")]
    private static partial void LogPositionReset(ILogger logger, string taskId, string topic, int partition, long expected, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: could not read the committed offsets of {Partitions}; a gap from records deleted before they were read cannot be detected at their start")]
    private static partial void LogStartOffsetsUnknown(ILogger logger, Exception exception, string taskId, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: {Reason}. The task keeps running and consumes the topic from its start once it exists")]
    private static partial void LogTopicNotAvailable(ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: dead letter queue records still in flight after offset.flush.timeout.ms; offsets not committed this time")]
    private static partial void LogDeadLetterQueueTimeout(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: offset commit failed; trying again at the next commit")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink task {TaskId} started")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink task {TaskId} assigned {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string taskId, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: retriable put failure, redelivering the batch in {TimeoutMs} ms")]
    private static partial void LogRetriablePut(ILogger logger, Exception exception, string taskId, long timeoutMs);

    /// <summary>The task's errant record reporter: a record of the batch being put, failed at stage TASK_PUT.</summary>
    private sealed class ErrantRecordReporter(SinkTaskRunner runner, string taskClass) : IErrantRecordReporter
    {
        public Task ReportAsync(SinkRecord record, Exception error)
        {
            ArgumentNullException.ThrowIfNull(record);
            ArgumentNullException.ThrowIfNull(error);
            var consumed = runner._origins.GetValueOrDefault(record)
                ?? throw new ArgumentException("Only a record of the batch being put can be reported", nameof(record));
            runner._errors.Fail(new ErrorContext(ErrorStage.TaskPut, taskClass, error, consumed, null));
            return Task.CompletedTask;
        }
    }
}
