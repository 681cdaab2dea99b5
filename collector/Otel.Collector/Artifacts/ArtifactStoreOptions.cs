namespace Otel.Collector.Artifacts;

/// <summary>
/// Where artifact bytes live and how large one may be. Without <see cref="S3"/> the store is the local
/// <see cref="Directory"/>; with it, any S3-compatible service (the directory then only holds upload spools).
/// </summary>
internal sealed class ArtifactStoreOptions
{
    /// <summary>5 GiB: the largest single PUT that S3 itself accepts.</summary>
    public const long DefaultMaxArtifactBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Root of the filesystem store (objects under <c>sha256/ab/cdef…</c>, in-flight uploads under <c>tmp/</c>).
    /// Default <c>./otel-track-data/artifacts</c>; the host sets it to <c>&lt;data dir&gt;/artifacts</c>.
    /// </summary>
    public string Directory { get; set; } = Path.Combine("otel-track-data", "artifacts");

    /// <summary>Largest artifact accepted, in bytes; larger uploads are refused with 413. Default 5 GiB.</summary>
    public long MaxArtifactBytes { get; set; } = DefaultMaxArtifactBytes;

    /// <summary>An S3-compatible store instead of the directory. Default: none.</summary>
    public S3ArtifactStoreOptions? S3 { get; set; }

    /// <summary>Every invalid setting at once, each naming what to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add("the artifact directory must be set (it also holds upload spools when S3 is used)");
        }

        if (MaxArtifactBytes < 1)
        {
            errors.Add($"the maximum artifact size must be positive (was {MaxArtifactBytes})");
        }

        S3?.Validate(errors);
        return errors;
    }
}

/// <summary>An S3-compatible bucket, addressed path-style (<c>{endpoint}/{bucket}/{key}</c>), signed with AWS Signature V4.</summary>
internal sealed class S3ArtifactStoreOptions
{
    /// <summary>Service URL, e.g. <c>https://s3.eu-west-1.amazonaws.com</c> or <c>http://minio:9000</c>. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Signing region. Default <c>us-east-1</c> (what most S3-compatible servers expect).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket holding the objects; it must exist. Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Prefix of every key, e.g. <c>otel-track/</c>. Default none: keys are <c>sha256/ab/cdef…</c>.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Access key id. Required.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Secret access key. Required; never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>How long one S3 request may take before it is abandoned. Default 15 min (a 5 GiB object at ~6 MB/s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(15);

    internal void Validate(List<string> errors)
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https"))
        {
            errors.Add("the S3 endpoint must be an http(s) URL, e.g. http://localhost:9000");
        }

        if (string.IsNullOrWhiteSpace(Bucket) || Bucket.Contains('/', StringComparison.Ordinal))
        {
            errors.Add("the S3 bucket must be a bucket name (no '/')");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            errors.Add("the S3 region must be set (us-east-1 for most S3-compatible servers)");
        }

        if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
        {
            errors.Add("the S3 access key and secret key must both be set");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("the S3 request timeout must be positive");
        }
    }
}
