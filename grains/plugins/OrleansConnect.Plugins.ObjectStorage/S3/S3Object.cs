using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>
/// One object being written, as Confluent's <c>S3OutputStream</c>: its bytes are kept until they reach
/// <c>s3.part.size</c>, then sent as a part of a multipart upload, started then; <see cref="CommitAsync"/> sends
/// the rest and completes the upload, or PUTs a small object whole. Nothing is visible in the bucket before the
/// commit, and an upload that is aborted (or abandoned by a crash) never becomes an object.
/// </summary>
internal sealed class S3Object(IAmazonS3 s3, string bucket, string key, int partSize)
{
    private readonly MemoryStream _pending = new();
    private readonly List<PartETag> _parts = [];
    private string? _uploadId;

    public string Key { get; } = key;

    /// <summary>Where the format writes; a compressing stream wraps it.</summary>
    public Stream Body => _pending;

    /// <summary>The parts sent so far.</summary>
    public int PartsUploaded => _parts.Count;

    /// <summary>Sends what is kept as the next part once it has reached the part size.</summary>
    public async Task UploadFullPartAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length < partSize)
        {
            return;
        }

        _uploadId ??= (await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = Key }, cancellationToken).ConfigureAwait(false)).UploadId;
        await UploadPartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the object visible: the last part and the completion, or one PUT.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is null)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, InputStream = Pending(), UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_pending.Length > 0)
        {
            await UploadPartAsync(cancellationToken).ConfigureAwait(false);
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = Key, UploadId = _uploadId, PartETags = _parts }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the object: its multipart upload, when one was started, is aborted (best effort; S3's lifecycle rules clean up the rest).</summary>
    public async Task AbortAsync()
    {
        if (_uploadId is null)
        {
            return;
        }

        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = Key, UploadId = _uploadId }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            // An abandoned upload is invisible; servers that lack AbortMultipartUpload (s3rver) keep its parts.
        }
    }

    private async Task UploadPartAsync(CancellationToken cancellationToken)
    {
        var number = _parts.Count + 1;
        var response = await s3.UploadPartAsync(
            new UploadPartRequest { BucketName = bucket, Key = Key, UploadId = _uploadId, PartNumber = number, InputStream = Pending(), PartSize = _pending.Length, UseChunkEncoding = false },
            cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(number, response.ETag));
        _pending.SetLength(0);
    }

    // A read-only view the SDK may dispose, over the bytes kept so far.
    private MemoryStream Pending() => new(_pending.GetBuffer(), 0, (int)_pending.Length, writable: false);
}
