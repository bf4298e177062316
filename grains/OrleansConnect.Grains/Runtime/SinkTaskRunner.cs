using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
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
/// </summary>
internal sealed partial class SinkTaskRunner(TaskAssignment assignment, TaskRuntime runtime) : WorkerTask(assignment, runtime)
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<ConnectTopicPartition, long> _currentOffsets = [];
    private readonly HashSet<ConnectTopicPartition> _assignment = [];
    private SinkTask? _task;
    private SinkTaskContext? _context;
    private bool _consumerPaused;
    private bool _assignmentChanged;

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
        var connector = Assignment.Id.Connector;
        var consumerConfig = Runtime.Kafka.ConsumerConfig($"connect-{connector}", $"connector-consumer-{connector}-{Assignment.Id.Task}", AbstractConfig.WithPrefix(config, "consumer.override."));
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions.Select(p => p.TopicPartition)))
            .Build();

        _context = new SinkTaskContext(Assignment.TaskConfig);
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
                var batch = Consume(consumer, converters, transforms);
                if (batch.Count > 0)
                {
                    await PutAsync(task, batch).ConfigureAwait(false);
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

    private List<SinkRecord> Consume(IConsumer<byte[]?, byte[]?> consumer, RecordConverters converters, TransformationChain transforms)
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
            var partition = new ConnectTopicPartition(result.Topic, result.Partition.Value);
            _currentOffsets[partition] = result.Offset.Value + 1;
            var record = ToSinkRecord(result, converters);
            if (transforms.Apply(record) is SinkRecord transformed)
            {
                batch.Add(transformed);
            }
        }

        return batch;
    }

    private static SinkRecord ToSinkRecord(ConsumeResult<byte[]?, byte[]?> result, RecordConverters converters)
    {
        var topic = result.Topic;
        var headers = new ConnectHeaders();
        foreach (var header in result.Message.Headers ?? [])
        {
            var value = converters.Header.ToConnectHeader(topic, header.Key, header.GetValueBytes());
            headers.Add(new OrleansConnect.Plugins.Headers.Header(header.Key, value.Schema, value.Value));
        }

        var key = converters.Key.ToConnectData(topic, headers, result.Message.Key);
        var value2 = converters.Value.ToConnectData(topic, headers, result.Message.Value);
        var timestamp = result.Message.Timestamp;
        var (ts, type) = timestamp.Type switch
        {
            Confluent.Kafka.TimestampType.CreateTime => ((long?)timestamp.UnixTimestampMs, OrleansConnect.Plugins.Sink.TimestampType.CreateTime),
            Confluent.Kafka.TimestampType.LogAppendTime => (timestamp.UnixTimestampMs, OrleansConnect.Plugins.Sink.TimestampType.LogAppendTime),
            _ => (null, OrleansConnect.Plugins.Sink.TimestampType.NoTimestampType),
        };
        return new SinkRecord(topic, result.Partition.Value, key.Schema, key.Value, value2.Schema, value2.Value, result.Offset.Value, ts, type, headers);
    }

    private async Task PutAsync(SinkTask task, List<SinkRecord> batch)
    {
        while (true)
        {
            try
            {
                await task.PutAsync(batch, Stopping).ConfigureAwait(false);
                return;
            }
            catch (RetriableException e) when (!Stopping.IsCancellationRequested)
            {
                // Kafka redelivers the same batch after the task's timeout. TODO(#5): errors.retry.* and metrics.
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
        var offsets = safe.Where(p => _assignment.Contains(p.Key))
            .Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value))
            .ToList();
        if (offsets.Count > 0)
        {
            consumer.Commit(offsets);
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
        CommitAsync(consumer, revoked).GetAwaiter().GetResult();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink task {TaskId} started")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink task {TaskId} assigned {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string taskId, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink task {TaskId}: retriable put failure, redelivering the batch in {TimeoutMs} ms")]
    private static partial void LogRetriablePut(ILogger logger, Exception exception, string taskId, long timeoutMs);
}
