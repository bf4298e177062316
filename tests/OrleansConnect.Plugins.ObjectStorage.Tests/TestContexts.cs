using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Tests;

/// <summary>A sink task context with a settable assignment that records the seeks and the timeout the task asks for.</summary>
internal sealed class TestSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext, IErrantRecordReporter
{
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

    public Task ReportAsync(SinkRecord record, Exception error) => throw new InvalidOperationException("The S3 sink does not report errant records.", error);
}
