using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Sink;
using ConnectTopicPartition = OrleansConnect.Plugins.TopicPartition;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The sink loop: consumer group <c>connect-{name}</c> → converters → transformations → <c>PutAsync</c>. Every
/// <c>offset.flush.interval.ms</c>, on a requested commit, on revocation and when stopping it calls
/// <c>PreCommitAsync</c> (flush) and commits what that returns, so a committed offset is always delivered.
/// Records that fail conversion or a transformation, or that the task reports as errant, are handled by the
/// connector's <c>errors.*</c> settings: skipped and reported (dead letter queue, log), or the task fails at that
/// record after putting and committing the records before it.
/// </summary>
internal sealed partial class SinkTaskRunner(TaskAssignment assignment, TaskRuntime runtime) : WorkerTask(assignment, runtime)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<ConnectTopicPartition, long> _currentOffsets = [];
    private readonly HashSet<ConnectTopicPartition> _assignment = [];

    // The consumed message of each record of the batch being put, for the errant record reporter.
    private readonly Dictionary<SinkRecord, ConsumeResult<byte[]?, byte[]?>> _origins = new(ReferenceEqualityComparer.Instance);
    private RetryWithToleranceOperator _errors = null!;
    private SinkTask? _task;
    private SinkTaskContext? _context;
    private bool _consumerPaused;
    private bool _assignmentChanged;
    private bool _failed;

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
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
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
                var (batch, failure) = Consume(consumer, converters, transforms);
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
            foreach (var topic in topics)
            {
                Runtime.Kafka.EnsureTopic(topic);
            }

            consumer.Subscribe(topics);
        }
        else
        {
            // librdkafka treats a subscription that starts with ^ as a regular expression.
            var regex = config[SinkConnector.TopicsRegexConfig].Trim();
            consumer.Subscribe(regex.StartsWith('^') ? regex : "^" + regex);
        }
    }

    /// <summary>
    /// Consumes, converts and transforms up to a batch. A failure that is not tolerated ends the batch before the
    /// failed record and is returned, to be thrown once the records before it are put and committed.
    /// </summary>
    private (List<SinkRecord> Batch, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure) Consume(
        IConsumer<byte[]?, byte[]?> consumer, RecordConverters converters, TransformationChain transforms)
    {
        var batch = new List<SinkRecord>();
        for (var i = 0; i < MaxBatch && !Stopping.IsCancellationRequested; i++)
        {
            var result = consumer.Consume(i == 0 ? PollTimeout : TimeSpan.Zero);
            if (result is null)
            {
                break;
            }

            if (result.IsPartitionEOF)
            {
                continue;
            }

            RecordActiveTopic(result.Topic);
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
            _currentOffsets[new ConnectTopicPartition(result.Topic, result.Partition.Value)] = result.Offset.Value + 1;
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
        return CreateErrorOperator(settings, new DeadLetterQueueReporter(producer, settings.DeadLetterQueueTopic, Assignment.Id, settings.DeadLetterQueueContextHeaders));
    }

    private async Task PutAsync(SinkTask task, List<SinkRecord> batch)
    {
        while (true)
        {
            try
            {
                await task.PutAsync(batch, Stopping).ConfigureAwait(false);
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

        var safe = await _task.PreCommitAsync(current, CancellationToken.None).ConfigureAwait(false);
        if (!_errors.Flush(TimeSpan.FromMilliseconds(Runtime.Options.OffsetFlushTimeoutMs)))
        {
            // Dead letter queue records still in flight: committing past them could lose them. Next interval.
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
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
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

    private IEnumerable<TopicPartitionOffset> OnAssigned(List<KafkaTopicPartition> partitions)
    {
        var assigned = partitions.Select(p => new ConnectTopicPartition(p.Topic, p.Partition.Value)).ToList();
        foreach (var partition in assigned)
        {
            _assignment.Add(partition);
        }

        _context!.Assignment = [.. _assignment];
        _task!.OpenAsync(assigned, Stopping).GetAwaiter().GetResult();
        LogAssigned(Logger, Assignment.Id.ToString(), string.Join(", ", assigned));
        var (seeks, _, _) = _context.TakeRequests();
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
        }

        _context!.Assignment = [.. _assignment];
    }

    private static KafkaTopicPartition ToKafka(ConnectTopicPartition p) => new(p.Topic, new Partition(p.Partition));

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
