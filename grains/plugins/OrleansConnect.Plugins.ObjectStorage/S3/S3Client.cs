using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using OrleansConnect.Plugins.Errors;

namespace OrleansConnect.Plugins.ObjectStorage.S3;

/// <summary>The S3 client of the sink's keys, the bucket check it starts with, and what S3's refusals mean for the task.</summary>
internal static class S3Client
{
    public static IAmazonS3 Create(S3SinkConnectorConfig config)
    {
        var region = config.GetString(S3SinkConnectorConfig.RegionConfig)!;
        var s3Config = new AmazonS3Config
        {
            ForcePathStyle = config.GetBoolean(S3SinkConnectorConfig.PathStyleAccessConfig),
            MaxErrorRetry = config.GetInt(S3SinkConnectorConfig.PartRetriesConfig),

            // Checksums only where S3 requires them: S3-compatible servers do not all read the trailing checksums
            // (aws-chunked bodies) the SDK sends by default.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (config.StoreUrl is { } url)
        {
            s3Config.ServiceURL = url;
            s3Config.AuthenticationRegion = region;
        }
        else
        {
            s3Config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var keyId = config.GetString(S3SinkConnectorConfig.AccessKeyIdConfig);
        return string.IsNullOrEmpty(keyId)
            ? new AmazonS3Client(s3Config)
            : new AmazonS3Client(new BasicAWSCredentials(keyId, config.GetPassword(S3SinkConnectorConfig.SecretAccessKeyConfig)?.Value ?? string.Empty), s3Config);
    }

    /// <summary>Fails, naming the key to fix, when the bucket does not exist or the credentials are refused; as Confluent's sink at start.</summary>
    public static async Task EnsureBucketAsync(IAmazonS3 s3, S3SinkConnectorConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = config.Bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Refusal(e, config) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>
    /// A refusal the task cannot retry its way out of, as the <see cref="ConnectException"/> that fails it: a missing
    /// bucket (404), refused credentials or permissions (403), a request S3 calls invalid (other 4xx); null for the
    /// transient failures (5xx, throttling, network), which the task retries.
    /// </summary>
    public static ConnectException? Refusal(Exception e, S3SinkConnectorConfig config)
    {
        if (e is not AmazonServiceException service)
        {
            return null;
        }

        var where = $"S3 bucket '{config.Bucket}' at {config.Endpoint}";
        return service.StatusCode switch
        {
            HttpStatusCode.NotFound when service.ErrorCode is null or "NoSuchBucket" or "NotFound" =>
                new ConnectException($"Non-existent S3 bucket: {where} ({S3SinkConnectorConfig.BucketConfig}); create it first: {service.ErrorCode} {service.Message}", e),
            HttpStatusCode.Forbidden =>
                new ConnectException($"The {where} refused the credentials of {S3SinkConnectorConfig.AccessKeyIdConfig} '{config.GetString(S3SinkConnectorConfig.AccessKeyIdConfig)}' "
                    + $"(and {S3SinkConnectorConfig.SecretAccessKeyConfig}), or they lack the permission: {service.ErrorCode} {service.Message}", e),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => null,
            >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError =>
                new ConnectException($"The {where} refused a request: {(int)service.StatusCode} {service.ErrorCode} {service.Message}", e),
            _ => null,
        };
    }
}
