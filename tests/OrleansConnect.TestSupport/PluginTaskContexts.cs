using System.Collections.Concurrent;
using System.Text.Json;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Connector;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.TestSupport;

/// <summary>
/// The runtime's side of a source task, for plugin tests that run a task without a silo: an offset store keyed by the
/// partition's JSON, into which <see cref="Commit"/> puts what the runtime would commit once Kafka has the records.
/// </summary>
public sealed class TestSourceTaskContext(IReadOnlyDictionary<string, string> configs) : ISourceTaskContext, IOffsetStorageReader
{
    public Dictionary<string, IReadOnlyDictionary<string, object?>> Offsets { get; } = [];

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IOffsetStorageReader OffsetStorageReader => this;

    /// <summary>The key of a partition in <see cref="Offsets"/>: its JSON with the keys in order.</summary>
    public static string Key(IReadOnlyDictionary<string, object?> partition) => JsonSerializer.Serialize(partition.OrderBy(p => p.Key, StringComparer.Ordinal));

    /// <summary>Keeps the offsets of records as the runtime commits them: the last one per partition.</summary>
    public void Commit(IEnumerable<SourceRecord> records)
    {
        foreach (var record in records.Where(r => r.SourceOffset is not null && r.SourcePartition is not null))
        {
            Offsets[Key(record.SourcePartition!)] = record.SourceOffset!;
        }
    }

    public ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Offsets.GetValueOrDefault(Key(partition)));
}

/// <summary>
/// The runtime's side of a sink task, for plugin tests: an assignment the test sets, and it keeps the seeks
/// (<see cref="Offset"/>), the errant records reported (as errors.tolerance=all would) and the timeout the task asks
/// for; pause and commit requests are not modelled.
/// </summary>
public sealed class TestSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext, IErrantRecordReporter
{
    public ConcurrentQueue<(SinkRecord Record, Exception Error)> Reported { get; } = [];

    public Dictionary<TopicPartition, long> Seeks { get; } = [];

    public long? TimeoutMs { get; private set; }

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IReadOnlyCollection<TopicPartition> Assignment { get; set; } = [];

    public IErrantRecordReporter ErrantRecordReporter => this;

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        foreach (var (partition, offset) in offsets)
        {
            Seeks[partition] = offset;
        }
    }

    public void Timeout(long timeoutMs) => TimeoutMs = timeoutMs;

    public void Pause(params TopicPartition[] partitions)
    {
    }

    public void Resume(params TopicPartition[] partitions)
    {
    }

    public void RequestCommit()
    {
    }

    public Task ReportAsync(SinkRecord record, Exception error)
    {
        Reported.Enqueue((record, error));
        return Task.CompletedTask;
    }
}

/// <summary>A connector context that counts reconfiguration requests and turns a raised error into an exception.</summary>
public sealed class TestConnectorContext : IConnectorContext
{
    private int _reconfigurations;

    public int Reconfigurations => Volatile.Read(ref _reconfigurations);

    public void RequestTaskReconfiguration() => Interlocked.Increment(ref _reconfigurations);

    public void RaiseError(Exception error) => throw new InvalidOperationException("The connector raised an error.", error);
}
