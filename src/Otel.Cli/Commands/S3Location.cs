using Otel.Collector.Artifacts;

namespace Otel.Cli.Commands;

/// <summary>Reads <c>--artifacts-s3 http(s)://host:port/bucket[/prefix]</c>; keys come from the environment, never the command line.</summary>
internal static class S3Location
{
    public static S3ArtifactStoreOptions Parse(string url, string? accessKey, string? secretKey)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath.Trim('/').Length == 0)
        {
            throw new CliException($"--artifacts-s3 '{url}' must look like http(s)://host:port/bucket[/prefix]", ExitCodes.Usage);
        }

        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            throw new CliException($"--artifacts-s3 needs ${ServeCommand.S3AccessKeyVariable} and ${ServeCommand.S3SecretKeyVariable} in the environment", ExitCodes.Usage);
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/', 2);
        return new S3ArtifactStoreOptions
        {
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            Bucket = segments[0],
            Prefix = segments.Length > 1 ? segments[1].TrimEnd('/') + "/" : string.Empty,
            AccessKey = accessKey,
            SecretKey = secretKey,
        };
    }
}
