using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.ObjectStorage.Formats;
using OrleansConnect.Plugins.ObjectStorage.Partitioners;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>
/// The task of <see cref="S3SinkConnector"/>: one <see cref="TopicPartitionWriter"/> per assigned partition. A put
/// writes each record to its open file and uploads the files that rotate; <see cref="PreCommitAsync"/> answers, per
/// partition, only the offset past the last rotation whose objects are all in the bucket, so the consumer group never
/// moves past a record that is not in an object. A task that stops (or crashes) with files open resumes from that
/// offset and, rotating at the same records (flush.size, rotate.interval.ms on record time), writes the same object
/// names again: each record lands exactly once. A transient upload failure (5xx, network) drops the partition's open
/// files and rewinds it to their first offset after <c>retry.backoff.ms</c>, as Confluent's sink; a missing bucket or
/// refused credentials fail the task, naming the key to fix.
/// </summary>
public sealed class S3SinkTask : SinkTask
{
    private readonly Dictionary<TopicPartition, TopicPartitionWriter> _writers = [];

    // Set by StartAsync, which the runtime calls before any other method.
    private S3SinkConnectorConfig _config = null!;
    private IAmazonS3 _s3 = null!;
    private Partitioner _partitioner = null!;
    private RecordFormat _format = null!;
    private bool _ignoreNullValues;

    /// <summary>The clock of the wall-clock extractor and the scheduled rotation; tests set their own.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _config = new S3SinkConnectorConfig(props);
        _partitioner = Partitioner.Create(_config);
        _format = RecordFormat.Create(_config);
        _ignoreNullValues = string.Equals(_config.GetString(S3SinkConnectorConfig.BehaviorOnNullValuesConfig), S3SinkConnectorConfig.NullValuesIgnore, StringComparison.OrdinalIgnoreCase);
        _s3 = S3Client.Create(_config);
        try
        {
            await S3Client.EnsureBucketAsync(_s3, _config, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _s3.Dispose();
            throw;
        }

        Open(Context.Assignment);
    }

    public override Task OpenAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        Open(partitions);
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var failed = new HashSet<TopicPartition>();
        foreach (var record in records)
        {
            var partition = new TopicPartition(record.Topic, record.KafkaPartition ?? throw new DataException($"A record of {record.Topic} has no partition."));
            if (failed.Contains(partition))
            {
                // Rewound: consumed again from the first offset of the dropped files.
                continue;
            }

            if (record.Value is null)
            {
                if (_ignoreNullValues)
                {
                    continue;
                }

                throw new DataException(
                    $"Null valued records are not writeable with the current {S3SinkConnectorConfig.BehaviorOnNullValuesConfig} setting: {Where(record)}; set it to ignore to skip them.");
            }

            var writer = _writers.GetValueOrDefault(partition) ?? throw new ConnectException(
                $"No writer for {partition}: the record's topic partition is not assigned to this task ({string.Join(", ", _writers.Keys)}).");
            try
            {
                await writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsS3Failure(e, cancellationToken))
            {
                ThrowIfRefused(e);
                await RewindAsync(partition, writer, record.KafkaOffset).ConfigureAwait(false);
                failed.Add(partition);
            }
        }

        await RotateOnScheduleAsync(failed, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        await RotateOnScheduleAsync([], cancellationToken).ConfigureAwait(false);
        var offsets = new Dictionary<TopicPartition, long>();
        foreach (var (partition, writer) in _writers)
        {
            if (writer.TakeOffsetToCommit() is { } offset)
            {
                offsets[partition] = offset;
            }
        }

        return offsets;
    }

    public override async Task CloseAsync(IReadOnlyCollection<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var partition in partitions)
        {
            if (_writers.Remove(partition, out var writer))
            {
                await writer.AbortAsync().ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await CloseAsync([.. _writers.Keys], cancellationToken).ConfigureAwait(false);
        _s3?.Dispose();
    }

    /// <summary>The open writer of a partition, for tests.</summary>
    internal TopicPartitionWriter? Writer(TopicPartition partition) => _writers.GetValueOrDefault(partition);

    private void Open(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (!_writers.ContainsKey(partition))
            {
                _writers[partition] = new TopicPartitionWriter(partition, _s3, _config, _partitioner, _format, Time);
            }
        }
    }

    private async Task RotateOnScheduleAsync(HashSet<TopicPartition> skip, CancellationToken cancellationToken)
    {
        foreach (var (partition, writer) in _writers.Where(w => !skip.Contains(w.Key)).ToList())
        {
            try
            {
                await writer.RotateOnScheduleAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsS3Failure(e, cancellationToken))
            {
                ThrowIfRefused(e);
                await RewindAsync(partition, writer, null).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops the partition's open files and consumes it again from their first offset, after retry.backoff.ms.</summary>
    private async Task RewindAsync(TopicPartition partition, TopicPartitionWriter writer, long? failedOffset)
    {
        var from = writer.StartOffset ?? failedOffset;
        await writer.AbortAsync().ConfigureAwait(false);
        _writers[partition] = new TopicPartitionWriter(partition, _s3, _config, _partitioner, _format, Time);
        if (from is { } offset)
        {
            Context.Offset(new Dictionary<TopicPartition, long> { [partition] = offset });
        }

        Context.Timeout(_config.GetLong(S3SinkConnectorConfig.RetryBackoffConfig));
    }

    /// <summary>A failure of a request to S3 (not of the task, nor a cancellation): refused or transient.</summary>
    private static bool IsS3Failure(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException;

    /// <summary>A refusal (missing bucket, credentials) fails the task, naming the key to fix; the rest is retried.</summary>
    private void ThrowIfRefused(Exception e)
    {
        if (S3Client.Refusal(e, _config) is { } refusal)
        {
            throw refusal;
        }
    }

    private static string Where(SinkRecord record) =>
        $"{record.Topic}-{record.KafkaPartition?.ToString(CultureInfo.InvariantCulture)}@{record.KafkaOffset.ToString(CultureInfo.InvariantCulture)}";
}
