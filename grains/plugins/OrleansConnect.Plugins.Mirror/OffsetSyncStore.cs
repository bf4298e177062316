using Confluent.Kafka;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// The offset syncs of each source partition, read from the offset-syncs topic (partition 0) on a thread of its own,
/// and the translation of Kafka's <c>OffsetSyncStore.translateDownstream</c>: an upstream offset maps through the
/// latest sync at or before it, to that sync's downstream offset when they are equal and one past it otherwise (the
/// records between may or may not have been replicated, so any more could skip one); an offset older than every sync
/// kept cannot be translated (-1). Nothing is translated until the topic was read to its end once.
/// </summary>
/// <remarks>
/// Kafka keeps 64 syncs per partition spaced by powers of two, so that old offsets translate approximately; this
/// keeps the latest <see cref="SyncsPerPartition"/> syncs, so a group further behind than those gets no checkpoint
/// (never a wrong one). An upstream offset that goes back (a re-created topic) clears the partition's syncs, as in Kafka.
/// </remarks>
internal sealed class OffsetSyncStore : IDisposable
{
    public const int SyncsPerPartition = 64;
    private readonly Lock _lock = new();
    private readonly Dictionary<KafkaTopicPartition, List<OffsetSync>> _syncs = [];
    private readonly IConsumer<byte[]?, byte[]?>? _consumer;
    private readonly IAdminClient? _admin;
    private readonly KafkaTopicPartition? _topic;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader = Task.CompletedTask;
    private volatile bool _readToEnd;

    /// <summary>A store fed by <see cref="Add"/> only (tests).</summary>
    public OffsetSyncStore() => _readToEnd = true;

    /// <param name="consumer">A consumer of the cluster the topic is on; the store owns it.</param>
    /// <param name="admin">An admin client of the same cluster, to wait for the topic; the store owns it.</param>
    /// <param name="topic">The offset-syncs topic.</param>
    public OffsetSyncStore(IConsumer<byte[]?, byte[]?> consumer, IAdminClient admin, string topic)
    {
        _consumer = consumer;
        _admin = admin;
        _topic = new KafkaTopicPartition(topic, 0);
        _reader = Task.Factory.StartNew(Read, TaskCreationOptions.LongRunning);
    }

    /// <summary>Whether the topic was read to its end once, so translations are current.</summary>
    public bool ReadToEnd => _readToEnd;

    /// <summary>Records that fail to parse (skipped: a sync that cannot be read translates nothing).</summary>
    public int Unreadable { get; private set; }

    /// <summary>The source partitions that have syncs.</summary>
    public IReadOnlyList<KafkaTopicPartition> Partitions()
    {
        lock (_lock)
        {
            return _syncs.Keys.ToArray();
        }
    }

    public void Add(OffsetSync sync)
    {
        lock (_lock)
        {
            if (!_syncs.TryGetValue(sync.SourcePartition, out var list))
            {
                list = [];
                _syncs[sync.SourcePartition] = list;
            }

            if (list.Count > 0 && sync.UpstreamOffset < list[^1].UpstreamOffset)
            {
                list.Clear();
            }

            list.Add(sync);
            if (list.Count > SyncsPerPartition)
            {
                list.RemoveAt(0);
            }
        }
    }

    /// <summary>The downstream offset for a group's upstream offset; -1 when too old to translate; null without syncs or before the first read to the end.</summary>
    public long? TranslateDownstream(KafkaTopicPartition sourcePartition, long upstreamOffset)
    {
        if (!_readToEnd)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_syncs.TryGetValue(sourcePartition, out var list) || list.Count == 0)
            {
                return null;
            }

            for (var i = list.Count - 1; i >= 0; i--)
            {
                var sync = list[i];
                if (sync.UpstreamOffset <= upstreamOffset)
                {
                    return sync.DownstreamOffset + (upstreamOffset == sync.UpstreamOffset ? 0 : 1);
                }
            }

            return -1;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_reader.Wait(TimeSpan.FromSeconds(15)))
        {
            // The reader is still inside a client call: closing the clients under it would free them twice. They are
            // left to the finalizer rather than risk the process.
            return;
        }

        _consumer?.Close();
        _consumer?.Dispose();
        _admin?.Dispose();
        _stop.Dispose();
    }

    private void Read()
    {
        var consumer = _consumer!;
        long? end = null;
        var assigned = false;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!assigned)
                {
                    // Assign only once the topic exists (the source connector creates it, or its first sync does):
                    // until then there is nothing to read, and librdkafka is not asked to fetch an unknown topic.
                    if (!MirrorClients.Topics(_admin!, TimeSpan.FromSeconds(5)).ContainsKey(_topic!.Topic))
                    {
                        _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                        continue;
                    }

                    consumer.Assign(new TopicPartitionOffset(_topic, Offset.Beginning));
                    assigned = true;
                }

                end ??= consumer.QueryWatermarkOffsets(_topic!, TimeSpan.FromSeconds(5)).High.Value;
                if (!_readToEnd && consumer.Position(_topic!) is { } position && (end == 0 || (position.Value >= end && position != Offset.Unset)))
                {
                    _readToEnd = true;
                }

                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result?.Message is { } message)
                {
                    try
                    {
                        Add(OffsetSync.Deserialize(message.Key, message.Value));
                    }
                    catch (Errors.DataException)
                    {
                        Unreadable++;
                    }
                }
            }
            catch (KafkaException)
            {
                // The topic does not exist yet or the cluster does not answer: look again shortly.
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }
}
