using System.Diagnostics;
using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>The task of <see cref="DiscardSinkConnector"/>.</summary>
public sealed class DiscardSinkTask : SinkTask
{
    // The report is written from a timer, not from the loop, so the measured loop does no file I/O and the benchmark
    // need not wait for offset.flush.interval.ms.
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(200);
    private readonly Lock _lock = new();
    private string? _reportPath;
    private Timer? _timer;
    private long _records;
    private long _reported;
    private long _first;
    private long _last;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        var directory = props.GetValueOrDefault(BenchReport.ReportDirConfig, string.Empty);
        if (directory.Length > 0)
        {
            _reportPath = BenchReport.PathFor(directory, props["name"], props[BenchSourceConnector.TaskNumberConfig]);
            _timer = new Timer(_ => Report(), null, ReportInterval, ReportInterval);
        }

        return Task.CompletedTask;
    }

    public override Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        // From the start of the first put, so that a single batch still takes a measurable time.
        var started = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_records == 0)
            {
                _first = started;
            }

            _records += records.Count;
            _last = Stopwatch.GetTimestamp();
        }

        return Task.CompletedTask;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        Report();
    }

    private void Report()
    {
        // Under the lock so that the timer and StopAsync never write the file at the same time; a write every 200 ms
        // holds up a Put by microseconds.
        lock (_lock)
        {
            if (_reportPath is null || _records == _reported)
            {
                return;
            }

            _reported = _records;
            new BenchReport(_records, _first, _last).Write(_reportPath);
        }
    }
}
