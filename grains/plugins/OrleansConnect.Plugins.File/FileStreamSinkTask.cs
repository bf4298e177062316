using System.Text;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.File;

/// <summary>
/// The task of <see cref="FileStreamSinkConnector"/>. Each <see cref="PutAsync"/> writes its lines through to the
/// operating system, so they are visible to readers at once; <see cref="FlushAsync"/> also forces them to disk
/// before the runtime commits the consumer offsets.
/// </summary>
public sealed class FileStreamSinkTask : SinkTask
{
    private StreamWriter? _writer;
    private FileStream? _stream;

    public override Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        var file = props.GetValueOrDefault(FileStreamSinkConnector.FileConfig);
        if (string.IsNullOrEmpty(file))
        {
            _writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            return Task.CompletedTask;
        }

        _stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(_stream, new UTF8Encoding(false)) { NewLine = "\n" };
        return Task.CompletedTask;
    }

    public override async Task PutAsync(IReadOnlyCollection<SinkRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await _writer!.WriteAsync(ValueText.Format(record.Value).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _writer.WriteAsync('\n').ConfigureAwait(false);
        }

        await _writer!.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        await _writer!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream?.Flush(flushToDisk: true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
            _stream = null;
        }
    }
}
