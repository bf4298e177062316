using Confluent.Kafka;
using KafkaTopicPartition = Confluent.Kafka.TopicPartition;

namespace OrleansConnect.Plugins.Mirror;

/// <summary>
/// Writes offset syncs for <see cref="MirrorSourceTask"/>, with the rules of Kafka's <c>OffsetSyncWriter</c>: a
/// partition's sync goes out at once when it has none yet this lifetime, when the downstream offset ran
/// <c>offset.lag.max</c> past the last sync, when an upstream offset was skipped, or when the downstream offset went
/// back; any other is kept and sent at the next offset commit, so a quiet topic ends in sync. At most ten syncs are in
/// flight; the rest wait. Thread-safe: records are reported on the producer's delivery thread, commits on the task's.
/// </summary>
internal sealed class OffsetSyncWriter : IDisposable
{
    private const int MaxOutstanding = 10;
    private readonly Lock _lock = new();
    private readonly Dictionary<KafkaTopicPartition, PartitionState> _states = [];
    private readonly Dictionary<KafkaTopicPartition, OffsetSync> _pending = [];
    private readonly Dictionary<KafkaTopicPartition, OffsetSync> _delayed = [];
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly KafkaTopicPartition _topic;
    private readonly long _maxOffsetLag;
    private int _outstanding;

    public OffsetSyncWriter(IProducer<byte[]?, byte[]?> producer, string topic, long maxOffsetLag)
    {
        _producer = producer;
        _topic = new KafkaTopicPartition(topic, 0);
        _maxOffsetLag = maxOffsetLag;
    }

    /// <summary>Syncs failed to write since the start (they are not retried: a later sync of the partition supersedes them).</summary>
    public int Failed { get; private set; }

    public void MaybeQueue(KafkaTopicPartition sourcePartition, long upstreamOffset, long downstreamOffset)
    {
        var sync = new OffsetSync(sourcePartition, upstreamOffset, downstreamOffset);
        lock (_lock)
        {
            if (!_states.TryGetValue(sourcePartition, out var state))
            {
                state = new PartitionState();
                _states[sourcePartition] = state;
            }

            if (state.Update(upstreamOffset, downstreamOffset, _maxOffsetLag))
            {
                _delayed.Remove(sourcePartition);
                _pending[sourcePartition] = sync;
            }
            else
            {
                _delayed[sourcePartition] = sync;
            }
        }
    }

    /// <summary>Moves the kept syncs to the ones to send (at each offset commit).</summary>
    public void PromoteDelayed()
    {
        lock (_lock)
        {
            foreach (var (partition, sync) in _delayed)
            {
                _pending[partition] = sync;
            }

            _delayed.Clear();
        }
    }

    /// <summary>Sends what is pending, up to the in-flight limit.</summary>
    public void FirePending()
    {
        while (true)
        {
            OffsetSync sync;
            lock (_lock)
            {
                if (_pending.Count == 0 || _outstanding >= MaxOutstanding)
                {
                    return;
                }

                var first = _pending.First();
                _pending.Remove(first.Key);
                sync = first.Value;
                _outstanding++;
            }

            try
            {
                _producer.Produce(_topic, new Message<byte[]?, byte[]?> { Key = sync.RecordKey(), Value = sync.RecordValue() }, Delivered);
            }
            catch (KafkaException)
            {
                lock (_lock)
                {
                    _outstanding--;
                    _pending.TryAdd(sync.SourcePartition, sync);
                }

                return;
            }
        }
    }

    /// <summary>Waits (bounded) for the syncs in flight, then closes the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private void Delivered(DeliveryReport<byte[]?, byte[]?> report)
    {
        lock (_lock)
        {
            _outstanding--;
            if (report.Error.IsError)
            {
                Failed++;
            }
        }
    }

    private sealed class PartitionState
    {
        private long _previousUpstream = -1;
        private long _previousDownstream = -1;
        private long _lastSyncDownstream = -1;

        public bool Update(long upstream, long downstream, long maxOffsetLag)
        {
            // The translation of an offset past the last sync lands one past it, hence the + 1.
            var sync = _lastSyncDownstream == -1
                || downstream - (_lastSyncDownstream + 1) >= maxOffsetLag
                || upstream - _previousUpstream != 1
                || downstream < _previousDownstream;
            if (sync)
            {
                _lastSyncDownstream = downstream;
            }

            _previousUpstream = upstream;
            _previousDownstream = downstream;
            return sync;
        }
    }
}
