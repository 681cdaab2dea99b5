using Otel.Cli.Commands;

namespace Otel.Cli.Tests;

/// <summary><c>serve --artifacts-s3</c>: AWS and S3-compatible URLs, keys from the environment or the AWS chain.</summary>
public sealed class S3LocationTests
{
    [Fact]
    public void Aws_S3Url_BucketFromHostNoEndpointVirtualHostByDefault()
    {
        var options = S3Location.Parse("s3://ml-artifacts/team-a/otel-track?region=eu-west-1", null, null);

        Assert.Null(options.Endpoint);
        Assert.Equal(("ml-artifacts", "team-a/otel-track/", "eu-west-1"), (options.Bucket, options.Prefix, options.Region));
        Assert.Null(options.PathStyle);
        Assert.Equal((string.Empty, string.Empty), (options.AccessKey, options.SecretKey));
    }

    [Fact]
    public void Compatible_HttpUrl_EndpointAndBucketFromPath_KeysFromEnvironment()
    {
        var options = S3Location.Parse("http://minio:9000/artifacts?addressing=virtual", "AK", "SK");

        Assert.Equal(new Uri("http://minio:9000/"), options.Endpoint);
        Assert.Equal(("artifacts", string.Empty), (options.Bucket, options.Prefix));
        Assert.False(options.PathStyle);
        Assert.Equal(("AK", "SK"), (options.AccessKey, options.SecretKey));
    }

    [Theory]
    [InlineData("ftp://host/bucket", null, null, "must look like s3://bucket")]
    [InlineData("http://minio:9000/", null, null, "names no bucket")]
    [InlineData("s3://bucket?color=red", null, null, "unknown setting 'color'")]
    [InlineData("s3://bucket?addressing=dns", null, null, "addressing must be path or virtual")]
    [InlineData("s3://bucket", "AK", null, "set both $OTEL_TRACK_S3_ACCESS_KEY and $OTEL_TRACK_S3_SECRET_KEY, or neither")]
    public void Invalid_Refused_SayingWhatToWrite(string url, string? accessKey, string? secretKey, string expected)
    {
        var error = Assert.Throws<CliException>(() => S3Location.Parse(url, accessKey, secretKey));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
