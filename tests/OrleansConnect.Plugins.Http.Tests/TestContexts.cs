using System.Collections.Concurrent;
using OrleansConnect.Plugins.Sink;

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
