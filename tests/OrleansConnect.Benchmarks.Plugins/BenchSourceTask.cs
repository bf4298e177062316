using System.Diagnostics;
using System.Globalization;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>The task of <see cref="BenchSourceConnector"/>.</summary>
public sealed class BenchSourceTask : SourceTask
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private string _topic = string.Empty;
    private long _count;
    private int _batch;
    private long _next;
    private long _delivered;
    private long _firstPoll;
    private string? _reportPath;
    private Schema _schema = Schema.Bytes;
    private Func<long, object> _value = _ => Array.Empty<byte>();
    private Dictionary<string, object?> _partition = [];

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        _topic = props[BenchSourceConnector.TopicConfig];
        _count = long.Parse(props.GetValueOrDefault(BenchSourceConnector.CountConfig, "0"), CultureInfo.InvariantCulture);
        _batch = int.Parse(props.GetValueOrDefault(BenchSourceConnector.BatchConfig, "1000"), CultureInfo.InvariantCulture);
        var size = int.Parse(props.GetValueOrDefault(BenchSourceConnector.RecordSizeConfig, "100"), CultureInfo.InvariantCulture);
        var task = props[BenchSourceConnector.TaskNumberConfig];
        _partition = new Dictionary<string, object?> { ["task"] = task };
        if (props.GetValueOrDefault(BenchSourceConnector.ShapeConfig, "bytes") == "struct")
        {
            var payload = BenchRecords.Payload(size);
            _schema = BenchRecords.StructSchema;
            _value = i => BenchRecords.NewStruct(i, payload);
        }
        else
        {
            // One array for every record, as the raw producer it is compared with sends one array.
            var bytes = new byte[size];
            Random.Shared.NextBytes(bytes);
            _value = _ => bytes;
        }

        var directory = props.GetValueOrDefault(BenchReport.ReportDirConfig, string.Empty);
        _reportPath = directory.Length == 0 ? null : BenchReport.PathFor(directory, props["name"], task);
        return Task.CompletedTask;
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        if (_next >= _count)
        {
            await Task.Delay(IdlePoll, cancellationToken);
            return null;
        }

        if (_next == 0)
        {
            _firstPoll = Stopwatch.GetTimestamp();
        }

        var records = new List<SourceRecord>(_batch);
        for (; _next < _count && records.Count < _batch; _next++)
        {
            records.Add(new SourceRecord(_partition, new Dictionary<string, object?> { ["i"] = _next }, _topic, _schema, _value(_next)));
        }

        return records;
    }

    /// <summary>Called on the producer's delivery thread; the last delivery ends the measurement.</summary>
    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
        if (Interlocked.Increment(ref _delivered) == _count && _reportPath is not null)
        {
            new BenchReport(_count, _firstPoll, Stopwatch.GetTimestamp()).Write(_reportPath);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
