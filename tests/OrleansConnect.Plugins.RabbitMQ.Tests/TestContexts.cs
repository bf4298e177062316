using OrleansConnect.Plugins.Sink;
using OrleansConnect.Plugins.Source;
using OrleansConnect.Plugins.Storage;

namespace OrleansConnect.Plugins.RabbitMQ.Tests;

/// <summary>A source task context with no committed offsets (the RabbitMQ source never reads them).</summary>
internal sealed class TestSourceTaskContext(IReadOnlyDictionary<string, string> configs) : ISourceTaskContext, IOffsetStorageReader
{
    public IReadOnlyDictionary<string, string> Configs => configs;

    public IOffsetStorageReader OffsetStorageReader => this;

    public ValueTask<IReadOnlyDictionary<string, object?>?> OffsetAsync(IReadOnlyDictionary<string, object?> partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(null);
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

    public Task ReportAsync(SinkRecord record, Exception error) => throw new InvalidOperationException("The RabbitMQ sink does not report errant records.", error);
}
