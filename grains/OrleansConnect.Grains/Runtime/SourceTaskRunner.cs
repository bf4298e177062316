using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Offsets;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime.Errors;
using ConnectRecord = OrleansConnect.Plugins.ConnectRecord;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;
using ConnectRecordMetadata = OrleansConnect.Plugins.RecordMetadata;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The source loop: poll → transformations → converters → idempotent producer. Each record is tracked until Kafka
/// acknowledges it (<see cref="SubmittedRecords"/>); every <c>offset.flush.interval.ms</c> the offsets of the
/// acknowledged records are committed, so a committed offset always belongs to a record Kafka has: a crash may resend
/// records, never skip them. On every way out of the loop (stop, revoke, failure) the producer is flushed first,
/// bounded by <c>offset.flush.timeout.ms</c>, and the acknowledged records commit (Kafka's final offset commit). A
/// record that fails a transformation, a converter or its produce is handled by the connector's <c>errors.*</c>
/// settings: skipped (its offset still commits) and logged, or the task fails and nothing from it on commits.
/// </summary>
internal sealed partial class SourceTaskRunner : WorkerTask
{
    private const string ProducerClass = "Confluent.Kafka.IProducer";
    private readonly ConcurrentQueue<(SubmittedRecord Record, Exception Error)> _deliveryErrors = new();
    private readonly SubmittedRecords _submitted = new();
    private readonly Action<SubmittedRecord, DeliveryReport<byte[]?, byte[]?>> _delivered;
    private ErrorHandlingConfig _errorConfig = null!;
    private RetryWithToleranceOperator _errors = null!;
    private SourceTask _task = null!;
    private int _pollFailures;

    public SourceTaskRunner(TaskAssignment assignment, TaskRuntime runtime)
        : base(assignment, runtime) =>
        _delivered = Delivered;

    protected override async Task ExecuteAsync()
    {
        // A run after a transient failure starts from the committed offsets: nothing of the last run is pending.
        _submitted.Clear();
        _deliveryErrors.Clear();
        var config = Assignment.ConnectorConfig;
        var registry = Runtime.Registry;
        var plugin = registry.ResolveConnector(config[ConnectorConfig.ConnectorClassConfig]);
        var taskType = registry.Create<OrleansConnect.Plugins.Connector.Connector>(plugin).TaskType;
        var task = Activator.CreateInstance(taskType) as SourceTask
            ?? throw new ConnectException($"{taskType} is not a SourceTask");
        _task = task;
        var offsetsGrain = Runtime.Grains.GetGrain<ISourceOffsetsGrain>(Assignment.Id.Connector);
        var converters = RecordConverters.Create(registry, Runtime.Options, config);
        using var transforms = TransformationChain.Create(registry, config);
        _errorConfig = ErrorHandlingConfig.From(config);
        using var errors = CreateErrorOperator(_errorConfig);
        _errors = errors;
        var clientId = $"connector-producer-{Assignment.Id.Connector}-{Assignment.Id.Task}";

        // Disposed last, after the final flush and commit: disposing drops whatever it still queues.
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(Runtime.Kafka.ProducerConfig(clientId, AbstractConfig.WithPrefix(config, "producer.override.")))
            .Build();

        task.Initialize(new SourceTaskContext(Assignment.TaskConfig, new SourceOffsetReader(offsetsGrain)));
        await task.StartAsync(Assignment.TaskConfig, Stopping).ConfigureAwait(false);
        MarkRunning();
        LogStarted(Logger, Assignment.Id.ToString());
        Exception? failure = null;
        try
        {
            await LoopAsync(producer, transforms, converters, offsetsGrain).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Also a stop that cancelled a retry, or a transient cluster failure: what was acknowledged still commits.
            failure = e;
        }

        try
        {
            failure = await FinalCommitAsync(producer, offsetsGrain, failure).ConfigureAwait(false);
        }
        finally
        {
            failure = await StopTaskAsync(task, failure).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task LoopAsync(IProducer<byte[]?, byte[]?> producer, TransformationChain transforms, RecordConverters converters, ISourceOffsetsGrain offsetsGrain)
    {
        var sinceCommit = Stopwatch.StartNew();
        while (!Stopping.IsCancellationRequested)
        {
            await WaitWhilePausedAsync(FlushInterval).ConfigureAwait(false);
            if (!IsPaused && !Stopping.IsCancellationRequested)
            {
                var records = await PollAsync(_task).ConfigureAwait(false);
                var written = 0;
                foreach (var record in records ?? [])
                {
                    written += Send(producer, record, transforms, converters) ? 1 : 0;
                }

                Metrics.RecordWrite(written);
            }

            // Once a batch, not per record: acknowledged records leave the tracker, so it holds what is in flight.
            HandleDeliveryErrors();
            _submitted.Update();
            Metrics.SetActiveRecords(_submitted.Pending);
            if (sinceCommit.Elapsed >= FlushInterval)
            {
                await CommitAsync(offsetsGrain).ConfigureAwait(false);
                await ReportActiveTopicsAsync().ConfigureAwait(false);
                sinceCommit.Restart();
            }
        }
    }

    /// <summary>
    /// On the way out of the loop, for whatever reason: waits up to <c>offset.flush.timeout.ms</c> for the records
    /// still in the producer, then commits every acknowledged record's offset (also after a timeout: the acknowledged
    /// prefix). When the loop already failed, a failure here is logged and the loop's failure is the task's.
    /// </summary>
    /// <returns>The failure the task ends with, or null.</returns>
    private async Task<Exception?> FinalCommitAsync(IProducer<byte[]?, byte[]?> producer, ISourceOffsetsGrain offsetsGrain, Exception? failure)
    {
        try
        {
            var remaining = producer.Flush(TimeSpan.FromMilliseconds(Runtime.Options.OffsetFlushTimeoutMs));
            if (remaining > 0)
            {
                LogFinalFlushTimeout(Logger, Assignment.Id.ToString(), remaining);
            }

            try
            {
                HandleDeliveryErrors();
            }
            catch (Exception e)
            {
                // A send that failed under errors.tolerance=none (reported, never acknowledged): the task fails, after
                // committing what came before it. When the task is failing already, that failure stays its trace.
                failure ??= e;
            }

            _submitted.Update();
            await CommitAsync(offsetsGrain).ConfigureAwait(false);
        }
        catch (Exception e) when (failure is not null)
        {
            LogFinalCommitFailed(Logger, e, Assignment.Id.ToString());
        }

        return failure;
    }

    /// <summary>Stops the plugin task; when the loop failed already, a failure to stop is logged, not the task's failure.</summary>
    private async Task<Exception?> StopTaskAsync(SourceTask task, Exception? failure)
    {
        try
        {
            await task.StopAsync(GracefulStopToken()).ConfigureAwait(false);
        }
        catch (Exception e) when (failure is not null)
        {
            LogStopFailed(Logger, e, Assignment.Id.ToString());
        }

        return failure;
    }

    private async Task<IReadOnlyList<SourceRecord>?> PollAsync(SourceTask task)
    {
        try
        {
            var start = Stopwatch.GetTimestamp();
            var records = await task.PollAsync(Stopping).ConfigureAwait(false);
            _pollFailures = 0;
            if (records is not null)
            {
                // As Kafka: an empty batch is a poll too (its time counts; its size is 0).
                Metrics.RecordPoll(records.Count, start);
            }

            return records;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (RetriableException e)
        {
            // As Kafka, a retriable poll failure is retried without limit (the source system is down, no record is
            // at fault), here with errors.*'s backoff: 300 ms doubling, then jitter below errors.retry.delay.max.ms.
            var delay = RetryWithToleranceOperator.Delay(++_pollFailures, _errorConfig.RetryDelayMaxMs, Random.Shared);
            LogRetriablePoll(Logger, e, Assignment.Id.ToString(), (long)delay.TotalMilliseconds);
            await Task.Delay(delay, Stopping).ConfigureAwait(false);
            return null;
        }
    }

    /// <returns>True when the record went to the producer; false when it was dropped or skipped.</returns>
    private bool Send(IProducer<byte[]?, byte[]?> producer, SourceRecord record, TransformationChain transforms, RecordConverters converters)
    {
        var inError = new RecordInError(null, record);
        if (transforms.Apply(record, _errors, inError) is not { } transformed || ToMessage(transformed, converters, inError) is not { } message)
        {
            // Dropped by a transformation, or skipped under errors.tolerance=all: nothing to send, the offset commits.
            _task.CommitRecord(record, null);
            _submitted.SubmitAcknowledged(record);
            return false;
        }

        Runtime.Kafka.EnsureTopic(transformed.Topic);
        RecordActiveTopic(transformed.Topic);
        var target = new TopicPartition(transformed.Topic, transformed.KafkaPartition is { } p ? new Partition(p) : Partition.Any);

        // Tracked before it is produced: its delivery report may come before Produce returns.
        var submitted = new SubmittedRecord(record, _delivered);
        _submitted.Submit(submitted);
        while (true)
        {
            try
            {
                producer.Produce(target, message, submitted.OnDelivery);
                return true;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain, then try again (back-pressure, nothing is dropped).
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                // Refused before sending (e.g. larger than message.max.bytes): this record's failure. Under
                // errors.tolerance=none Fail throws and the record is never acknowledged, so nothing from it on commits.
                _errors.Fail(new ErrorContext(ErrorStage.KafkaProduce, ProducerClass, e, null, record));
                _task.CommitRecord(record, null);
                submitted.Acknowledge();
                return false;
            }
        }
    }

    /// <summary>A record's delivery report, on librdkafka's delivery thread.</summary>
    private void Delivered(SubmittedRecord submitted, DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            // Handled on the loop thread (HandleDeliveryErrors), which owns the error handling.
            _deliveryErrors.Enqueue((submitted, new ConnectException($"Failed to send record to topic {report.Topic}: {report.Error.Reason} ({report.Error.Code})")));
            return;
        }

        try
        {
            _task.CommitRecord(submitted.Record, new ConnectRecordMetadata(report.Topic, report.Partition.Value, report.Offset.Value, report.Timestamp.UnixTimestampMs));
        }
        catch (Exception e)
        {
            // As Kafka: the task's hook failing does not make the record any less written.
            LogCommitRecordFailed(Logger, e, Assignment.Id.ToString());
        }

        submitted.Acknowledge();
    }

    /// <summary>The transformed record as a Kafka message; null when a converter failed and the record is skipped.</summary>
    private Message<byte[]?, byte[]?>? ToMessage(ConnectRecord record, RecordConverters converters, RecordInError inError)
    {
        var headers = new Headers();
        var headerConverter = converters.Header.GetType().FullName!;
        foreach (var header in record.Headers)
        {
            if (!_errors.TryExecute(ErrorStage.HeaderConverter, headerConverter, () => converters.Header.FromConnectHeader(record.Topic, header.Key, header.Schema, header.Value), inError, out var bytes))
            {
                return null;
            }

            headers.Add(header.Key, bytes);
        }

        if (!_errors.TryExecute(ErrorStage.KeyConverter, converters.Key.GetType().FullName!, () => converters.Key.FromConnectData(record.Topic, record.Headers, record.KeySchema, record.Key), inError, out var key)
            || !_errors.TryExecute(ErrorStage.ValueConverter, converters.Value.GetType().FullName!, () => converters.Value.FromConnectData(record.Topic, record.Headers, record.ValueSchema, record.Value), inError, out var value))
        {
            return null;
        }

        return new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Headers = headers,
            Timestamp = record.Timestamp is { } ts ? new Timestamp(ts, TimestampType.CreateTime) : Timestamp.Default,
        };
    }

    /// <summary>
    /// Commits the offsets of the records acknowledged so far (Kafka commits without waiting for the records in flight;
    /// they commit next time), then tells the task. Offsets the cluster could not take stay for the next commit.
    /// </summary>
    private async Task CommitAsync(ISourceOffsetsGrain offsetsGrain)
    {
        if (!_submitted.HasCommittable)
        {
            return;
        }

        var snapshot = _submitted.TakeCommittable();
        var start = Stopwatch.GetTimestamp();
        try
        {
            await offsetsGrain.CommitAsync(snapshot.ToImmutableDictionary(p => p.Key, p => (string?)OffsetJson.Write(p.Value))).ConfigureAwait(false);
            Metrics.RecordCommit(success: true, start);
        }
        catch (Exception e) when (ClusterErrors.IsTransient(e))
        {
            Metrics.RecordCommit(success: false, start);
            // The offsets grain's silo just died: keep the offsets (newer ones recorded since win) for the next interval.
            _submitted.Restore(snapshot);
            LogCommitDeferred(Logger, e, Assignment.Id.ToString());
            return;
        }

        await _task.CommitAsync(Stopping.IsCancellationRequested ? CancellationToken.None : Stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// Failed sends, under <c>errors.tolerance</c>: with <c>all</c> each is logged and skipped (acknowledged, so its
    /// offset commits, as Kafka's); with <c>none</c> the first fails the task and is never acknowledged, so no offset
    /// from it on in its partition commits.
    /// </summary>
    private void HandleDeliveryErrors()
    {
        while (_deliveryErrors.TryDequeue(out var failed))
        {
            _errors.Fail(new ErrorContext(ErrorStage.KafkaProduce, ProducerClass, failed.Error, null, failed.Record.Record));
            _task.CommitRecord(failed.Record.Record, null);
            failed.Record.Acknowledge();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: offsets not committed, the cluster is moving grains; trying again next interval")]
    private static partial void LogCommitDeferred(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source task {TaskId} started")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: retriable poll failure, polling again in {DelayMs} ms")]
    private static partial void LogRetriablePoll(ILogger logger, Exception exception, string taskId, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: {Remaining} records still outstanding after offset.flush.timeout.ms; committing the offsets of those acknowledged before them")]
    private static partial void LogFinalFlushTimeout(ILogger logger, string taskId, int remaining);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source task {TaskId}: failed to commit offsets for an already failing task")]
    private static partial void LogFinalCommitFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source task {TaskId}: the failing task's StopAsync failed too")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source task {TaskId}: CommitRecord failed; the record is written and its offset still commits")]
    private static partial void LogCommitRecordFailed(ILogger logger, Exception exception, string taskId);
}
