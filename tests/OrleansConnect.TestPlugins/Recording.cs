using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.TestPlugins;

/// <summary>
/// What the sink tasks of one recording flushed, and what its sequence source tasks polled and had acknowledged, with
/// signals for tests to wait on.
/// </summary>
public sealed class Recording
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _polled;
    private long _acknowledged;
    private readonly List<SinkRecord> _flushed = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Starts { get; private set; }

    public int Stops { get; private set; }

    /// <summary>Records a sequence source task returned from its polls.</summary>
    public long PolledRecords => Interlocked.Read(ref _polled);

    /// <summary>Records of a sequence source task Kafka acknowledged (its <c>CommitRecord</c> with metadata).</summary>
    public long AcknowledgedRecords => Interlocked.Read(ref _acknowledged);

    /// <summary>Completes when the test lets a sequence source held at <c>hold.at</c> go on.</summary>
    public Task WhenReleased => _released.Task;

    /// <summary>Puts that failed with a retriable error.</summary>
    public int RetriableFailures { get; private set; }

    public IReadOnlyList<SinkRecord> Flushed
    {
        get
        {
            lock (_lock)
            {
                return [.. _flushed];
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> records were flushed, or the timeout passes.</summary>
    /// <returns>The flushed records at that moment.</returns>
    public async Task<IReadOnlyList<SinkRecord>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_flushed.Count >= count)
                {
                    return [.. _flushed];
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                return Flushed;
            }
        }
    }

    /// <summary>Lets a sequence source held at <c>hold.at</c> go on.</summary>
    public void Release() => _released.TrySetResult();

    internal void Polled(int records) => Interlocked.Add(ref _polled, records);

    /// <summary>Called on the producer's delivery thread.</summary>
    internal void Acknowledged() => Interlocked.Increment(ref _acknowledged);

    internal void RetriableFailure()
    {
        lock (_lock)
        {
            RetriableFailures++;
        }
    }

    internal void Add(IEnumerable<SinkRecord> records)
    {
        lock (_lock)
        {
            _flushed.AddRange(records);
            Signal();
        }
    }

    internal void Started()
    {
        lock (_lock)
        {
            Starts++;
            Signal();
        }
    }

    internal void Stopped()
    {
        lock (_lock)
        {
            Stops++;
            Signal();
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
