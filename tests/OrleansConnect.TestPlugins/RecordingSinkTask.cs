using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.TestPlugins;

/// <summary>The task of <see cref="RecordingSinkConnector"/>: values become "flushed" only in <see cref="FlushAsync"/>.</summary>
public sealed class RecordingSinkTask : SinkTask
{
    private readonly List<SinkRecord> _buffer = [];
    private Recording? _recording;
    private string? _failOn;
    private string? _errantOn;
    private long _retriableFailureMs;
    private DateTime? _firstPut;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _recording = RecordingStore.Get(props[RecordingSinkConnector.RecordingIdConfig]);
        _failOn = props.GetValueOrDefault(RecordingSinkConnector.FailOnValueConfig);
        _errantOn = props.GetValueOrDefault(RecordingSinkConnector.ErrantOnValueConfig);
        _retriableFailureMs = long.Parse(props.GetValueOrDefault(RecordingSinkConnector.RetriableFailureMsConfig, "0"), System.Globalization.CultureInfo.InvariantCulture);
        _recording.Started();
        return Task.CompletedTask;
    }

    public override Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        _firstPut ??= DateTime.UtcNow;
        if (DateTime.UtcNow - _firstPut < TimeSpan.FromMilliseconds(_retriableFailureMs))
        {
            _recording!.RetriableFailure();
            throw new RetriableException("The target is unavailable for a while");
        }

        foreach (var record in records)
        {
            if (_errantOn is not null && Equals(record.Value?.ToString(), _errantOn))
            {
                _ = Context.ErrantRecordReporter.ReportAsync(record, new DataException($"Cannot write the value {_errantOn}"));
                continue;
            }

            if (_failOn is not null && Equals(record.Value?.ToString(), _failOn))
            {
                throw new ConnectException($"Refusing record at offset {record.KafkaOffset}: value is {_failOn}");
            }

            _buffer.Add(record);
        }

        return Task.CompletedTask;
    }

    public override Task FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        _recording!.Add(_buffer);
        _buffer.Clear();
        return Task.CompletedTask;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _recording?.Stopped();
        return Task.CompletedTask;
    }
}
