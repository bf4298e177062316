using System.IO.Compression;
using OrleansConnect.Plugins.ObjectStorage.Formats;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>An open file of one encoded partition: its object, the format writing into it (through gzip when asked), and its first offset.</summary>
internal sealed class RecordFile
{
    private readonly S3Object _object;
    private readonly RecordFormat _format;
    private readonly Stream _output;

    public RecordFile(S3Object target, RecordFormat format, long startOffset, CompressionLevel? gzip)
    {
        _object = target;
        _format = format;
        StartOffset = startOffset;
        _output = gzip is { } level ? new GZipStream(target.Body, level, leaveOpen: true) : target.Body;
    }

    public string Key => _object.Key;

    public long StartOffset { get; }

    public int Records { get; private set; }

    public S3Object Object => _object;

    public async Task WriteAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        _format.Write(_output, record);
        Records++;
        await _object.UploadFullPartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(_output, _object.Body))
        {
            // Writes the gzip trailer; the stream is not written to again.
            await _output.DisposeAsync().ConfigureAwait(false);
        }

        await _object.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task AbortAsync() => _object.AbortAsync();
}
