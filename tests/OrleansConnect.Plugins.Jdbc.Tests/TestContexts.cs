using System.Text.Json;
using OrleansConnect.Plugins.Connector;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Jdbc.Tests;

/// <summary>A source task context whose offset store is a dictionary keyed by the partition's JSON.</summary>
internal sealed class TestSourceTaskContext(IReadOnlyDictionary<string, string> configs) : ISourceTaskContext, IOffsetStorageReader
{
    public Dictionary<string, IReadOnlyDictionary<string, object?>> Offsets { get; } = [];

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IOffsetStorageReader OffsetStorageReader => this;

    public static string Key(IReadOnlyDictionary<string, object?> partition) => JsonSerializer.Serialize(partition.OrderBy(p => p.Key, StringComparer.Ordinal));

    /// <summary>Keeps the offsets of records as the runtime commits them: the last one per partition.</summary>
    public void Commit(IEnumerable<SourceRecord> records)
    {
        foreach (var record in records.Where(r => r.SourceOffset is not null))
        {
            Offsets[Key(record.SourcePartition!)] = record.SourceOffset!;
        }
    }

    public ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Offsets.GetValueOrDefault(Key(partition)));
}

/// <summary>A sink task context that records the timeout the task asks for.</summary>
internal sealed class TestSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext, IErrantRecordReporter
{
    public long? TimeoutMs { get; private set; }

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IReadOnlyCollection<TopicPartition> Assignment => [];

    public IErrantRecordReporter ErrantRecordReporter => this;

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
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

    public Task ReportAsync(SinkRecord record, Exception error) => throw new InvalidOperationException("The JDBC sink does not report errant records.", error);
}

/// <summary>A connector context that counts reconfiguration requests.</summary>
internal sealed class TestConnectorContext : IConnectorContext
{
    private int _reconfigurations;

    public int Reconfigurations => Volatile.Read(ref _reconfigurations);

    public void RequestTaskReconfiguration() => Interlocked.Increment(ref _reconfigurations);

    public void RaiseError(Exception error) => throw new InvalidOperationException("The connector raised an error.", error);
}
