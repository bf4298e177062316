using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrleansConnect.Plugins.ObjectStorage.Tests;

/// <summary>The server as an xunit fixture, with an S3 client of its own to read back what the sink wrote.</summary>
public sealed class S3rverFixture : S3rverServer, IAsyncLifetime
{
    public IAmazonS3 Client() => new AmazonS3Client(
        new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        new AmazonS3Config
        {
            ServiceURL = Url,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>The keys of the bucket's objects under a prefix, in name order.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        using var s3 = Client();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return [.. keys.Order(StringComparer.Ordinal)];
    }

    public async Task<byte[]> ReadAsync(string key)
    {
        using var s3 = Client();
        using var response = await s3.GetObjectAsync(Bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
