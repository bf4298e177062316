using System.Globalization;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.TestPlugins;

/// <summary>The task of <see cref="SequenceSourceConnector"/>.</summary>
public sealed class SequenceSourceTask : SourceTask
{
    private string _topic = string.Empty;
    private long _count;
    private int _batch;
    private int _intervalMs;
    private bool _failWhenDone;
    private long _largeAt;
    private long _holdAt;
    private Recording? _recording;
    private long _next;
    private Dictionary<string, object?> _partition = [];

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _topic = props[SequenceSourceConnector.TopicConfig];
        _count = long.Parse(props.GetValueOrDefault(SequenceSourceConnector.CountConfig, "100"), CultureInfo.InvariantCulture);
        _batch = int.Parse(props.GetValueOrDefault(SequenceSourceConnector.BatchConfig, "10"), CultureInfo.InvariantCulture);
        _intervalMs = int.Parse(props.GetValueOrDefault(SequenceSourceConnector.IntervalConfig, "0"), CultureInfo.InvariantCulture);
        _failWhenDone = bool.Parse(props.GetValueOrDefault(SequenceSourceConnector.FailWhenDoneConfig, "false"));
        _largeAt = long.Parse(props.GetValueOrDefault(SequenceSourceConnector.LargeAtConfig, "-1"), CultureInfo.InvariantCulture);
        _holdAt = long.Parse(props.GetValueOrDefault(SequenceSourceConnector.HoldAtConfig, "-1"), CultureInfo.InvariantCulture);
        _recording = props.GetValueOrDefault(SequenceSourceConnector.RecordingIdConfig) is { Length: > 0 } id ? RecordingStore.Get(id) : null;
        _partition = new Dictionary<string, object?> { ["task"] = long.Parse(props["task.number"], CultureInfo.InvariantCulture) };
        var committed = await Context.OffsetStorageReader.OffsetAsync(_partition, cancellationToken);
        _next = committed?["i"] is long i ? i + 1 : 0;
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_next >= _count)
        {
            if (_failWhenDone)
            {
                throw new ConnectException($"Sequence source: all {_count} records are out");
            }

            await Task.Delay(50, cancellationToken);
            return null;
        }

        if (_intervalMs > 0)
        {
            await Task.Delay(_intervalMs, cancellationToken);
        }

        if (_next == _holdAt && _recording is not null)
        {
            await _recording.WhenReleased.WaitAsync(cancellationToken);
        }

        var records = new List<SourceRecord>();
        for (; _next < _count && records.Count < _batch && (records.Count == 0 || _next != _holdAt); _next++)
        {
            var value = _next == _largeAt ? new string('x', SequenceSourceConnector.LargeValueBytes) : $"{_partition["task"]}-{_next}";
            records.Add(new SourceRecord(_partition, new Dictionary<string, object?> { ["i"] = _next }, _topic, Schema.String, value));
        }

        _recording?.Polled(records.Count);
        return records;
    }

    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        if (metadata is not null)
        {
            _recording?.Acknowledged();
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
