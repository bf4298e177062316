using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Grains.Runtime;

/// <summary>
/// The runtime's context for a sink task. The task calls it from its own methods, on the loop thread; the loop
/// applies the requests (seeks, pauses, commit) before it consumes again.
/// </summary>
internal sealed class SinkTaskContext(IReadOnlyDictionary<string, string> configs, IErrantRecordReporter errantRecordReporter) : ISinkTaskContext
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, long> _seeks = [];
    private readonly HashSet<TopicPartition> _pauses = [];
    private readonly HashSet<TopicPartition> _resumes = [];

    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; set; } = [];

    public long TimeoutMs { get; private set; } = 1_000;

    public IErrantRecordReporter ErrantRecordReporter { get; } = errantRecordReporter;

    public bool CommitRequested { get; set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        lock (_lock)
        {
            foreach (var (partition, offset) in offsets)
            {
                _seeks[partition] = offset;
            }
        }
    }

    public void Timeout(long timeoutMs) => TimeoutMs = timeoutMs;

    public void Pause(params TopicPartition[] partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                _resumes.Remove(partition);
                _pauses.Add(partition);
            }
        }
    }

    public void Resume(params TopicPartition[] partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                _pauses.Remove(partition);
                _resumes.Add(partition);
            }
        }
    }

    public void RequestCommit() => CommitRequested = true;

    /// <summary>Takes the pending seek, pause and resume requests.</summary>
    public (Dictionary<TopicPartition, long> Seeks, TopicPartition[] Pauses, TopicPartition[] Resumes) TakeRequests()
    {
        lock (_lock)
        {
            var result = (new Dictionary<TopicPartition, long>(_seeks), _pauses.ToArray(), _resumes.ToArray());
            _seeks.Clear();
            _resumes.Clear();
            return result;
        }
    }

    /// <summary>The partitions the task asked to keep paused.</summary>
    public bool IsPausedByTask(TopicPartition partition)
    {
        lock (_lock)
        {
            return _pauses.Contains(partition);
        }
    }
}
