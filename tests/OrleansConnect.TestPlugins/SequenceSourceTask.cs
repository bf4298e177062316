using System.Globalization;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.TestPlugins;

/// <summary>The task of <see cref="SequenceSourceConnector"/>.</summary>
public sealed class SequenceSourceTask : SourceTask
{
    private string _topic = string.Empty;
    private long _count;
    private int _batch;
    private int _intervalMs;
    private long _next;
    private Dictionary<string, object?> _partition = [];

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _topic = props[SequenceSourceConnector.TopicConfig];
        _count = long.Parse(props.GetValueOrDefault(SequenceSourceConnector.CountConfig, "100"), CultureInfo.InvariantCulture);
        _batch = int.Parse(props.GetValueOrDefault(SequenceSourceConnector.BatchConfig, "10"), CultureInfo.InvariantCulture);
        _intervalMs = int.Parse(props.GetValueOrDefault(SequenceSourceConnector.IntervalConfig, "0"), CultureInfo.InvariantCulture);
        _partition = new Dictionary<string, object?> { ["task"] = long.Parse(props["task.number"], CultureInfo.InvariantCulture) };
        var committed = await Context.OffsetStorageReader.OffsetAsync(_partition, cancellationToken);
        _next = committed?["i"] is long i ? i + 1 : 0;
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_next >= _count)
        {
            await Task.Delay(50, cancellationToken);
            return null;
        }

        if (_intervalMs > 0)
        {
            await Task.Delay(_intervalMs, cancellationToken);
        }

        var records = new List<SourceRecord>();
        for (; _next < _count && records.Count < _batch; _next++)
        {
            var value = $"{_partition["task"]}-{_next}";
            records.Add(new SourceRecord(_partition, new Dictionary<string, object?> { ["i"] = _next }, _topic, Schema.String, value));
        }

        return records;
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
