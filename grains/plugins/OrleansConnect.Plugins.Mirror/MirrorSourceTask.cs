using System.Globalization;
using Confluent.Kafka;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;
using ConnectHeader = OrleansConnect.Plugins.Headers.Header;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Replicates its <c>task.assigned.partitions</c> (Kafka's <c>MirrorSourceTask</c>): a consumer of the source cluster
/// assigned those partitions resumes one past each committed offset; every record becomes a source record for the
/// remote topic and the same partition, with the key, value, headers and timestamp as raw bytes (run it with
/// <c>ByteArrayConverter</c> for keys, values and headers, so they reach the target unchanged). Source partition
/// <c>{cluster, topic, partition}</c>, offset <c>{offset}</c>. Once Kafka has a record, its upstream and downstream
/// offsets feed the offset syncs the checkpoint connector translates group offsets with.
/// </summary>
public sealed class MirrorSourceTask : SourceTask
{
    private const int MaxBatch = 1000;
    private readonly Dictionary<KafkaTopicPartition, Route> _routes = [];
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private OffsetSyncWriter? _offsetSyncs;
    private TimeSpan _pollTimeout;
    private volatile bool _stopping;

    /// <inheritdoc />
    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        var config = new MirrorSourceConfig(props);
        _pollTimeout = config.ConsumerPollTimeout;
        var partitions = config.GetList(MirrorSourceConfig.TaskTopicPartitionsConfig).Select(Decode).ToArray();
        var start = new List<TopicPartitionOffset>(partitions.Length);
        foreach (var partition in partitions)
        {
            var sourcePartition = MirrorOffsets.SourcePartition(config.SourceClusterAlias, partition);
            _routes[partition] = new Route(sourcePartition, config.Policy.FormatRemoteTopic(config.SourceClusterAlias, partition.Topic));
            var committed = MirrorOffsets.UnwrapOffset(await Context.OffsetStorageReader.OffsetAsync(sourcePartition, cancellationToken).ConfigureAwait(false));

            // Resume one past the last record replicated; a partition never committed starts by auto.offset.reset.
            start.Add(new TopicPartitionOffset(partition, committed < 0 ? Offset.Unset : new Offset(committed + 1)));
        }

        if (config.EmitOffsetSyncs)
        {
            var settings = config.OffsetSyncsOnSource ? config.SourceProducerSettings("offset-syncs-source-producer") : config.TargetProducerSettings("offset-syncs-target-producer");
            _offsetSyncs = new OffsetSyncWriter(MirrorClients.Producer(settings, "offset-syncs producer"), config.OffsetSyncsTopic, config.OffsetLagMax);
        }

        _consumer = MirrorClients.Consumer(config.SourceConsumerSettings("replication-consumer"), "source consumer");
        _consumer.Assign(start);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var consumer = _consumer ?? throw new InvalidOperationException("The task has not been started.");
        List<SourceRecord>? records = null;
        try
        {
            // Wait for the first record at most consumer.poll.timeout.ms (in short steps, so a stop is prompt), then
            // take what has arrived.
            var waited = TimeSpan.Zero;
            var step = TimeSpan.FromMilliseconds(Math.Min(100, _pollTimeout.TotalMilliseconds));
            while (records is null && waited < _pollTimeout && !cancellationToken.IsCancellationRequested && !_stopping)
            {
                if (consumer.Consume(step) is { } first)
                {
                    records = new List<SourceRecord>(64) { Convert(first) };
                }

                waited += step;
            }

            while (records is not null && records.Count < MaxBatch && consumer.Consume(TimeSpan.Zero) is { } next)
            {
                records.Add(Convert(next));
            }
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // As Kafka's task: a client error during a poll is retried by the next poll. What was read is returned.
            return Task.FromResult<IReadOnlyList<SourceRecord>?>(records);
        }
        catch (ConsumeException e)
        {
            throw new ConnectException($"The source consumer failed: {e.Error.Reason}", e);
        }

        return Task.FromResult<IReadOnlyList<SourceRecord>?>(records);
    }

    /// <inheritdoc />
    public override void CommitRecord(SourceRecord record, Plugins.RecordMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(record);

        // No metadata: a transformation dropped the record, nothing to sync.
        if (_stopping || metadata is null || _offsetSyncs is null || record.SourcePartition is not { } partition)
        {
            return;
        }

        var upstream = new KafkaTopicPartition((string)partition[MirrorOffsets.TopicKey]!, System.Convert.ToInt32(partition[MirrorOffsets.PartitionKey], CultureInfo.InvariantCulture));
        _offsetSyncs.MaybeQueue(upstream, MirrorOffsets.UnwrapOffset(record.SourceOffset), metadata.Offset);
        _offsetSyncs.FirePending();
    }

    /// <inheritdoc />
    public override Task CommitAsync(CancellationToken cancellationToken)
    {
        // Syncs kept back because they were close to the last one go out now, so a quiet partition ends in sync.
        _offsetSyncs?.PromoteDelayed();
        _offsetSyncs?.FirePending();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _consumer?.Close();
        _consumer?.Dispose();
        _consumer = null;
        _offsetSyncs?.Dispose();
        _offsetSyncs = null;
        return Task.CompletedTask;
    }

    /// <summary>Kafka's <c>topic-partition</c> form, split at the last dash.</summary>
    internal static KafkaTopicPartition Decode(string encoded)
    {
        var dash = encoded.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(encoded.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition))
        {
            throw new ConnectException($"'{MirrorSourceConfig.TaskTopicPartitionsConfig}' holds '{encoded}', which is not topic-partition");
        }

        return new KafkaTopicPartition(encoded[..dash], partition);
    }

    private SourceRecord Convert(ConsumeResult<byte[]?, byte[]?> result)
    {
        var route = _routes[result.TopicPartition];
        var message = result.Message;
        List<ConnectHeader>? headers = null;
        if (message.Headers is { Count: > 0 } raw)
        {
            headers = new List<ConnectHeader>(raw.Count);
            foreach (var header in raw)
            {
                var bytes = header.GetValueBytes();
                headers.Add(new ConnectHeader(header.Key, bytes is null ? Schema.OptionalBytes : Schema.Bytes, bytes));
            }
        }

        return new SourceRecord(
            route.SourcePartition,
            MirrorOffsets.Offset(result.Offset.Value),
            route.RemoteTopic,
            result.Partition.Value,
            Schema.OptionalBytes,
            message.Key,
            Schema.Bytes,
            message.Value,
            message.Timestamp.Type == TimestampType.NotAvailable ? null : message.Timestamp.UnixTimestampMs,
            headers);
    }

    private sealed record Route(IReadOnlyDictionary<string, object?> SourcePartition, string RemoteTopic);
}
