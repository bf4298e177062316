using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
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
/// The source loop: poll → transformations → converters → idempotent producer. Source offsets are committed every
/// <c>offset.flush.interval.ms</c> (and when stopping) only after the producer has flushed, so every committed offset
/// belongs to a record Kafka acknowledged: a crash may resend records, never skip them. A record that fails a
/// transformation, a converter or its produce is handled by the connector's <c>errors.*</c> settings: skipped (its
/// offset still commits) and logged, or the task fails before its offset is committed.
/// </summary>
internal sealed partial class SourceTaskRunner(TaskAssignment assignment, TaskRuntime runtime) : WorkerTask(assignment, runtime)
{
    private const string ProducerClass = "Confluent.Kafka.IProducer";
    private readonly ConcurrentQueue<(SourceRecord Record, Exception Error)> _deliveryErrors = new();
    private ErrorHandlingConfig _errorConfig = null!;
    private RetryWithToleranceOperator _errors = null!;
    private int _pollFailures;
    // The latest offset per source partition since the last commit; the offset is serialized only when committed,
    // as Kafka's offset writer does, not once per record.
    private Dictionary<string, IReadOnlyDictionary<string, object?>> _pendingOffsets = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, object?>? _lastPartition;
    private string? _lastPartitionKey;

    protected override async Task ExecuteAsync()
    {
        // A run after a transient failure starts from the committed offsets: nothing of the last run is pending.
        _pendingOffsets.Clear();
        var config = Assignment.ConnectorConfig;
        var registry = Runtime.Registry;
        var plugin = registry.ResolveConnector(config[ConnectorConfig.ConnectorClassConfig]);
        var taskType = registry.Create<OrleansConnect.Plugins.Connector.Connector>(plugin).TaskType;
        var task = Activator.CreateInstance(taskType) as SourceTask
            ?? throw new ConnectException($"{taskType} is not a SourceTask");
        var offsetsGrain = Runtime.Grains.GetGrain<ISourceOffsetsGrain>(Assignment.Id.Connector);
        var converters = RecordConverters.Create(registry, Runtime.Options, config);
        using var transforms = TransformationChain.Create(registry, config);
        _errorConfig = ErrorHandlingConfig.From(config);
        using var errors = CreateErrorOperator(_errorConfig);
        _errors = errors;
        var clientId = $"connector-producer-{Assignment.Id.Connector}-{Assignment.Id.Task}";
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(Runtime.Kafka.ProducerConfig(clientId, AbstractConfig.WithPrefix(config, "producer.override.")))
            .Build();

        task.Initialize(new SourceTaskContext(Assignment.TaskConfig, new SourceOffsetReader(offsetsGrain)));
        await task.StartAsync(Assignment.TaskConfig, Stopping).ConfigureAwait(false);
        MarkRunning();
        LogStarted(Logger, Assignment.Id.ToString());
        var sinceCommit = Stopwatch.StartNew();
        try
        {
            while (!Stopping.IsCancellationRequested)
            {
                await WaitWhilePausedAsync(FlushInterval).ConfigureAwait(false);
                if (!IsPaused && !Stopping.IsCancellationRequested)
                {
                    var records = await PollAsync(task).ConfigureAwait(false);
                    foreach (var record in records ?? [])
                    {
                        Send(producer, task, record, transforms, converters);
                    }
                }

                HandleDeliveryErrors(task);
                if (sinceCommit.Elapsed >= FlushInterval)
                {
                    await CommitAsync(producer, task, offsetsGrain).ConfigureAwait(false);
                    await ReportActiveTopicsAsync().ConfigureAwait(false);
                    sinceCommit.Restart();
                }
            }

            await CommitAsync(producer, task, offsetsGrain).ConfigureAwait(false);
        }
        finally
        {
            await task.StopAsync(GracefulStopToken()).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<SourceRecord>?> PollAsync(SourceTask task)
    {
        try
        {
            var records = await task.PollAsync(Stopping).ConfigureAwait(false);
            _pollFailures = 0;
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

    private void Send(IProducer<byte[]?, byte[]?> producer, SourceTask task, SourceRecord record, TransformationChain transforms, RecordConverters converters)
    {
        if (record.SourcePartition is { } partition && record.SourceOffset is { } offset)
        {
            // Tasks usually pass the same partition object with every record: serialize it once, not per record.
            if (!ReferenceEquals(partition, _lastPartition))
            {
                (_lastPartition, _lastPartitionKey) = (partition, OffsetJson.Write(partition));
            }

            _pendingOffsets[_lastPartitionKey!] = offset;
        }

        var inError = new RecordInError(null, record);
        if (transforms.Apply(record, _errors, inError) is not { } transformed || ToMessage(transformed, converters, inError) is not { } message)
        {
            // Dropped by a transformation, or skipped under errors.tolerance=all: nothing to send, the offset commits.
            task.CommitRecord(record, null);
            return;
        }

        Runtime.Kafka.EnsureTopic(transformed.Topic);
        RecordActiveTopic(transformed.Topic);
        var target = new TopicPartition(transformed.Topic, transformed.KafkaPartition is { } p ? new Partition(p) : Partition.Any);
        void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                // Handled on the loop thread (HandleDeliveryErrors), which owns the error handling.
                _deliveryErrors.Enqueue((record, new ConnectException($"Failed to send record to topic {report.Topic}: {report.Error.Reason} ({report.Error.Code})")));
                return;
            }

            task.CommitRecord(record, new ConnectRecordMetadata(report.Topic, report.Partition.Value, report.Offset.Value, report.Timestamp.UnixTimestampMs));
        }

        while (true)
        {
            try
            {
                producer.Produce(target, message, OnDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain, then try again (back-pressure, nothing is dropped).
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                // Refused before sending (e.g. larger than message.max.bytes): this record's failure.
                _errors.Fail(new ErrorContext(ErrorStage.KafkaProduce, ProducerClass, e, null, record));
                task.CommitRecord(record, null);
                return;
            }
        }
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

    /// <summary>Flushes the producer, then commits the offsets of everything sent before the flush.</summary>
    private async Task CommitAsync(IProducer<byte[]?, byte[]?> producer, SourceTask task, ISourceOffsetsGrain offsetsGrain)
    {
        var remaining = producer.Flush(TimeSpan.FromMilliseconds(Runtime.Options.OffsetFlushTimeoutMs));
        HandleDeliveryErrors(task);
        if (remaining > 0)
        {
            // Kafka drops this commit and tries again at the next interval; the offsets stay pending.
            LogFlushTimeout(Logger, Assignment.Id.ToString(), remaining);
            return;
        }

        if (_pendingOffsets.Count == 0)
        {
            return;
        }

        var snapshot = _pendingOffsets;
        _pendingOffsets = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        try
        {
            await offsetsGrain.CommitAsync(snapshot.ToImmutableDictionary(p => p.Key, p => (string?)OffsetJson.Write(p.Value))).ConfigureAwait(false);
        }
        catch (Exception e) when (ClusterErrors.IsTransient(e))
        {
            // The offsets grain's silo just died: keep the offsets (newer ones recorded since win) for the next interval.
            foreach (var (partition, offset) in snapshot)
            {
                _pendingOffsets.TryAdd(partition, offset);
            }

            LogCommitDeferred(Logger, e, Assignment.Id.ToString());
            return;
        }

        await task.CommitAsync(Stopping.IsCancellationRequested ? CancellationToken.None : Stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// Failed sends, under <c>errors.tolerance</c>: with <c>all</c> each is logged and skipped (its offset commits, as
    /// Kafka's); with <c>none</c> the first fails the task before any offset past it is committed.
    /// </summary>
    private void HandleDeliveryErrors(SourceTask task)
    {
        while (_deliveryErrors.TryDequeue(out var failed))
        {
            _errors.Fail(new ErrorContext(ErrorStage.KafkaProduce, ProducerClass, failed.Error, null, failed.Record));
            task.CommitRecord(failed.Record, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: offsets not committed, the cluster is moving grains; trying again next interval")]
    private static partial void LogCommitDeferred(ILogger logger, Exception exception, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source task {TaskId} started")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: retriable poll failure, polling again in {DelayMs} ms")]
    private static partial void LogRetriablePoll(ILogger logger, Exception exception, string taskId, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source task {TaskId}: {Remaining} records still outstanding after offset.flush.timeout.ms; offsets not committed this time")]
    private static partial void LogFlushTimeout(ILogger logger, string taskId, int remaining);
}
