using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real S3-compatible server for the tests: npm's s3rver on a free loopback port as a child process, its objects in
/// its temporary directory, with one bucket (<see cref="Bucket"/>) created at start. It checks signatures against its
/// one account (<see cref="AccessKeyId"/>/<see cref="SecretAccessKey"/>), speaks path-style requests and multipart
/// uploads. Not sealed, so that a test project can declare it an xunit fixture:
/// <c>sealed class S3rverFixture : S3rverServer, IAsyncLifetime;</c>.
/// </summary>
public class S3rverServer : ServerProcess
{
    private static readonly Binary S3rver = Binary.Npm("s3rver", "s3rver@3.7.1");

    private string _binary = null!;

    public S3rverServer()
        : base("s3rver", keptOutputLines: 200)
    {
    }

    public int Port { get; } = FreePort();

    /// <summary>The endpoint, for <c>store.url</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The bucket the server starts with.</summary>
    public string Bucket => "oc-test";

    /// <summary>s3rver's one access key id.</summary>
    public string AccessKeyId => "S3RVER";

    /// <summary>The secret key of <see cref="AccessKeyId"/>.</summary>
    public string SecretAccessKey => "S3RVER";

    /// <summary>The connection settings of an S3 sink writing to <see cref="Bucket"/> of this server, with the secret.</summary>
    public IReadOnlyDictionary<string, string> ConnectorConfig => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["store.url"] = Url,
        ["s3.region"] = "us-east-1",
        ["s3.bucket.name"] = Bucket,
        ["s3.path.style.access.enabled"] = "true",
        ["aws.access.key.id"] = AccessKeyId,
        ["aws.secret.access.key"] = SecretAccessKey,
    };

    /// <summary>Starts the server and waits until it answers HTTP.</summary>
    public async ValueTask InitializeAsync()
    {
        _binary = S3rver.Require();
        Directory.CreateDirectory(Path.Combine(TempDirectory, "data"));
        await StartProcessAsync();
    }

    /// <summary>An S3 client of this server's account, for a test that reads back what a sink wrote.</summary>
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

    /// <summary>The keys of <see cref="Bucket"/>'s objects under a prefix, in ordinal order.</summary>
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

    /// <summary>The content of an object of <see cref="Bucket"/>.</summary>
    public async Task<byte[]> ReadAsync(string key)
    {
        using var s3 = Client();
        using var response = await s3.GetObjectAsync(Bucket, key);
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Starts the server again after <see cref="ServerProcess.StopAsync"/> or <see cref="ServerProcess.Kill"/>: same port, same objects.</summary>
    public Task StartAsync() => StartProcessAsync();

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(_binary) { WorkingDirectory = TempDirectory };
        foreach (var argument in new[] { "-d", Path.Combine(TempDirectory, "data"), "-p", Port.ToString(CultureInfo.InvariantCulture), "-a", "127.0.0.1", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    protected override async Task<bool> IsReadyAsync()
    {
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            // Any answer (an S3 error for an unsigned request) means it listens.
            using var response = await client.GetAsync(new Uri(Url + "/" + Bucket));
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
