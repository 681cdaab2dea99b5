using System.Web;
using Otel.Collector.Artifacts;

namespace Otel.Cli.Commands;

/// <summary>
/// Reads <c>--artifacts-s3</c>: <c>s3://bucket[/prefix]</c> for AWS S3, or <c>http(s)://host:port/bucket[/prefix]</c> for
/// an S3-compatible server, each with optional <c>?region=R&amp;addressing=path|virtual</c>. Keys come from the
/// environment, never the command line: <c>OTEL_TRACK_S3_*</c> when set, otherwise the AWS SDK's credential chain.
/// </summary>
internal static class S3Location
{
    private const string Shape = "s3://bucket[/prefix] (AWS) or http(s)://host:port/bucket[/prefix] (S3-compatible), optionally ?region=R&addressing=path|virtual";

    public static S3ArtifactStoreOptions Parse(string url, string? accessKey, string? secretKey)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("s3" or "http" or "https"))
        {
            throw new CliException($"--artifacts-s3 '{url}' must look like {Shape}", ExitCodes.Usage);
        }

        if (string.IsNullOrEmpty(accessKey) != string.IsNullOrEmpty(secretKey))
        {
            throw new CliException($"--artifacts-s3: set both ${ServeCommand.S3AccessKeyVariable} and ${ServeCommand.S3SecretKeyVariable}, or neither to use the AWS credential chain (AWS_* variables, profile, instance role)", ExitCodes.Usage);
        }

        // s3://bucket/prefix: the bucket is the host. http(s)://host/bucket/prefix: the bucket is the first segment.
        var path = uri.Scheme == "s3" ? uri.Host + uri.AbsolutePath : uri.AbsolutePath;
        var segments = Uri.UnescapeDataString(path).Trim('/').Split('/', 2);
        if (segments[0].Length == 0)
        {
            throw new CliException($"--artifacts-s3 '{url}' names no bucket: it must look like {Shape}", ExitCodes.Usage);
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        if (query.AllKeys.FirstOrDefault(key => key is not ("region" or "addressing")) is { } unknown)
        {
            throw new CliException($"--artifacts-s3: unknown setting '{unknown}'; the URL takes region and addressing (path or virtual)", ExitCodes.Usage);
        }

        return new S3ArtifactStoreOptions
        {
            Endpoint = uri.Scheme == "s3" ? null : new Uri(uri.GetLeftPart(UriPartial.Authority)),
            Bucket = segments[0],
            Prefix = segments.Length > 1 ? segments[1].TrimEnd('/') + "/" : string.Empty,
            Region = query["region"],
            PathStyle = query["addressing"] switch
            {
                null => null,
                "path" => true,
                "virtual" => false,
                var other => throw new CliException($"--artifacts-s3: addressing must be path or virtual, not '{other}'", ExitCodes.Usage),
            },
            AccessKey = accessKey ?? string.Empty,
            SecretKey = secretKey ?? string.Empty,
        };
    }
}
