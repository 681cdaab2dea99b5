using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Otel.Collector.Artifacts.S3;

/// <summary>An <see cref="AmazonS3Client"/> configured from <see cref="S3ArtifactStoreOptions"/>.</summary>
internal static class S3Clients
{
    private const string DefaultCompatibleRegion = "us-east-1";

    public static AmazonS3Client Create(S3ArtifactStoreOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            Timeout = options.RequestTimeout,
            // Checksums only where S3 requires them: S3-compatible servers (s3rver, older MinIO) do not all speak the
            // SDK's default trailing CRC checksums. Integrity is the store's own: SHA-256 sent with each PUT and
            // verified again on every read.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = options.Region ?? DefaultCompatibleRegion;
            config.ForcePathStyle = options.PathStyle ?? true;
        }
        else
        {
            if (options.Region is { } region)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            config.ForcePathStyle = options.PathStyle ?? false;
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Where the objects are, without credentials (for logs and errors).</summary>
    public static string Describe(S3ArtifactStoreOptions options) =>
        (options.Endpoint is { } endpoint ? endpoint.AbsoluteUri.TrimEnd('/') + "/" : "s3://") + options.Bucket + "/";
}
