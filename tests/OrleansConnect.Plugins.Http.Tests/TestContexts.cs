using System.Collections.Concurrent;
using System.Text.Json;
using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>A sink task context whose errant record reporter keeps what it is given.</summary>
internal sealed class TestSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext, IErrantRecordReporter
{
    public ConcurrentQueue<(SinkRecord Record, Exception Error)> Reported { get; } = [];

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IReadOnlyCollection<TopicPartition> Assignment => [];

    public IErrantRecordReporter ErrantRecordReporter => this;

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
    }

    public void Timeout(long timeoutMs)
    {
    }

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

/// <summary>A source task context whose offset store is a dictionary keyed by the partition's JSON.</summary>
internal sealed class TestSourceTaskContext(IReadOnlyDictionary<string, string> configs) : ISourceTaskContext, IOffsetStorageReader
{
    public Dictionary<string, IReadOnlyDictionary<string, object?>> Offsets { get; } = [];

    public IReadOnlyDictionary<string, string> Configs => configs;

    public IOffsetStorageReader OffsetStorageReader => this;

    private static string Key(IReadOnlyDictionary<string, object?> partition) => JsonSerializer.Serialize(partition.OrderBy(p => p.Key, StringComparer.Ordinal));

    /// <summary>Keeps the offsets of records as the runtime commits them once Kafka has them: the last one per partition.</summary>
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
