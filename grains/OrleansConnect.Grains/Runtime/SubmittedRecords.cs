using OrleansConnect.Grains.Offsets;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The records a source task has sent, per source partition in the order they were sent, and the offsets they make
/// committable, with Kafka's rule (<c>SubmittedRecords</c>): a partition's committable offset is that of the latest
/// record of its acknowledged prefix. A record sent but not acknowledged (in flight, or failed under
/// <c>errors.tolerance=none</c>) holds back its own offset and every later one of its partition, even those Kafka
/// has acknowledged; other partitions go on. Used from the loop thread only; only <see cref="SubmittedRecord.Acknowledge"/>
/// is called from librdkafka's thread, so nothing here takes a lock.
/// </summary>
internal sealed class SubmittedRecords
{
    private readonly Dictionary<string, Queue<SubmittedRecord>> _partitions = new(StringComparer.Ordinal);

    // The latest committable offset per source partition since the last commit; serialized only when committed, as
    // Kafka's offset writer does, not once per record.
    private Dictionary<string, IReadOnlyDictionary<string, object?>> _committable = new(StringComparer.Ordinal);

    // Tasks usually pass the same partition object with every record: find its queue (and serialize it) once.
    private IReadOnlyDictionary<string, object?>? _lastPartition;
    private string? _lastKey;
    private Queue<SubmittedRecord>? _lastQueue;

    /// <summary>Records sent and not yet acknowledged, or acknowledged behind one that is not.</summary>
    public int Pending { get; private set; }

    /// <summary>True when some partition has an offset to commit.</summary>
    public bool HasCommittable => _committable.Count > 0;

    /// <summary>Tracks a record about to be sent; records without a source partition have no offset and are not held.</summary>
    public void Submit(SubmittedRecord record)
    {
        if (QueueOf(record.Record) is { } queue)
        {
            queue.Enqueue(record);
            Pending++;
        }
    }

    /// <summary>
    /// A record that will never be sent and may commit now (dropped by a transformation, skipped under
    /// <c>errors.tolerance=all</c>): committable at once unless records of its partition are still outstanding.
    /// </summary>
    public void SubmitAcknowledged(SourceRecord record)
    {
        if (QueueOf(record) is not { } queue)
        {
            return;
        }

        if (queue.Count == 0)
        {
            // Nothing of its partition outstanding: no need to track it (no allocation for a dropped record).
            SetCommittable(record);
            return;
        }

        var submitted = new SubmittedRecord(record, null);
        submitted.Acknowledge();
        queue.Enqueue(submitted);
        Pending++;
    }

    /// <summary>Moves the acknowledged prefix of every partition into the committable offsets and forgets those records.</summary>
    public void Update()
    {
        foreach (var (key, queue) in _partitions)
        {
            SourceRecord? latest = null;
            while (queue.TryPeek(out var head) && head.IsAcknowledged)
            {
                queue.Dequeue();
                Pending--;
                if (head.Record.SourceOffset is not null)
                {
                    latest = head.Record;
                }
            }

            if (latest is not null)
            {
                _committable[key] = latest.SourceOffset!;
            }

            if (queue.Count == 0 && !ReferenceEquals(queue, _lastQueue))
            {
                // Removing while enumerating a Dictionary is allowed; a partition seen again gets a new queue.
                _partitions.Remove(key);
            }
        }
    }

    /// <summary>Takes the committable offsets (partition JSON → offset), leaving none.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, object?>> TakeCommittable()
    {
        var taken = _committable;
        _committable = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        return taken;
    }

    /// <summary>Puts back offsets whose commit failed; offsets that became committable since are newer and win.</summary>
    public void Restore(Dictionary<string, IReadOnlyDictionary<string, object?>> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            _committable.TryAdd(partition, offset);
        }
    }

    /// <summary>Forgets everything (a new run starts from the committed offsets).</summary>
    public void Clear()
    {
        _partitions.Clear();
        _committable.Clear();
        (_lastPartition, _lastKey, _lastQueue) = (null, null, null);
        Pending = 0;
    }

    private void SetCommittable(SourceRecord record)
    {
        if (record.SourceOffset is { } offset)
        {
            _committable[_lastKey!] = offset;
        }
    }

    /// <summary>The queue of the record's source partition (and sets <see cref="_lastKey"/> to its JSON); null without one.</summary>
    private Queue<SubmittedRecord>? QueueOf(SourceRecord record)
    {
        if (record.SourcePartition is not { } partition)
        {
            return null;
        }

        // The last partition's queue stays in _partitions (Update keeps it), so the reference check suffices.
        if (!ReferenceEquals(partition, _lastPartition))
        {
            var key = OffsetJson.Write(partition);
            if (!_partitions.TryGetValue(key, out var queue))
            {
                queue = new Queue<SubmittedRecord>();
                _partitions[key] = queue;
            }

            (_lastPartition, _lastKey, _lastQueue) = (partition, key, queue);
        }

        return _lastQueue;
    }
}
