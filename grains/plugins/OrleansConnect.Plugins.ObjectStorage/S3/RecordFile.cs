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
    private readonly List<SinkRecord>? _kept;

    public RecordFile(S3Object target, RecordFormat format, long startOffset, CompressionLevel? gzip)
    {
        _object = target;
        _format = format;
        StartOffset = startOffset;
        // s3.compression.type applies to the formats written record by record; Parquet has parquet.codec.
        _output = gzip is { } level && !format.WritesWholeFile ? new GZipStream(target.Body, level, leaveOpen: true) : target.Body;
        _kept = format.WritesWholeFile ? [] : null;
    }

    public string Key => _object.Key;

    public long StartOffset { get; }

    public int Records { get; private set; }

    public S3Object Object => _object;

    public async Task WriteAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        _format.Write(_output, record);
        _kept?.Add(record);
        Records++;
        await _object.UploadFullPartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_kept is not null)
        {
            await _format.WriteFileAsync(_output, _kept, cancellationToken).ConfigureAwait(false);
            await _object.UploadFullPartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!ReferenceEquals(_output, _object.Body))
        {
            // Writes the gzip trailer; the stream is not written to again.
            await _output.DisposeAsync().ConfigureAwait(false);
        }

        await _object.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task AbortAsync() => _object.AbortAsync();
}
