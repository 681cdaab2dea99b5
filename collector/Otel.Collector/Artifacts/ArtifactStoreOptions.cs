namespace Otel.Collector.Artifacts;

/// <summary>
/// Where artifact bytes live and how large one may be. Without <see cref="S3"/> the store is the local
/// <see cref="Directory"/>; with it, any S3-compatible service (the directory then only holds upload spools).
/// </summary>
internal sealed class ArtifactStoreOptions
{
    /// <summary>5 TiB: the largest object S3 stores (10,000 parts). Uploads are spooled to local disk first.</summary>
    public const long DefaultMaxArtifactBytes = 5L * 1024 * 1024 * 1024 * 1024;

    /// <summary>
    /// Root of the filesystem store (objects under <c>sha256/ab/cdef…</c>, in-flight uploads under <c>tmp/</c>).
    /// Default <c>./otel-track-data/artifacts</c>; the host sets it to <c>&lt;data dir&gt;/artifacts</c>.
    /// </summary>
    public string Directory { get; set; } = Path.Combine("otel-track-data", "artifacts");

    /// <summary>Largest artifact accepted, in bytes; larger uploads are refused with 413. Default 5 TiB.</summary>
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

/// <summary>
/// An S3 bucket (AWS, or any S3-compatible service at <see cref="Endpoint"/>), reached through the AWS SDK for .NET:
/// its credential chain, retries, path-style or virtual-host addressing, and multipart uploads for large objects.
/// </summary>
internal sealed class S3ArtifactStoreOptions
{
    /// <summary>5 MiB: the smallest part S3 accepts (but the last).</summary>
    public const long MinPartBytes = 5L * 1024 * 1024;

    /// <summary>S3 allows at most this many parts in one object, so large objects get larger parts.</summary>
    public const int MaxParts = 10_000;

    /// <summary>
    /// Service URL of an S3-compatible server, e.g. <c>http://minio:9000</c>. Default none: AWS S3 in
    /// <see cref="Region"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Region to sign for (and, on AWS, to reach). Default: <c>us-east-1</c> with an <see cref="Endpoint"/> (what
    /// most S3-compatible servers expect), otherwise the AWS SDK's own (AWS_REGION, the profile).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>Bucket holding the objects; it must exist. Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Prefix of every key, e.g. <c>otel-track/</c>. Default none: keys are <c>sha256/ab/cdef…</c>.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// Access key id and secret, both or neither. Neither: the AWS SDK's credential chain (AWS_ACCESS_KEY_ID…,
    /// the shared profile, web identity, the instance or task role). The secret is never logged.
    /// </summary>
    public string AccessKey { get; set; } = "";

    /// <inheritdoc cref="AccessKey"/>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// Path-style addressing (<c>{endpoint}/{bucket}/{key}</c>) instead of virtual-host (<c>{bucket}.{endpoint}</c>).
    /// Default: path-style with an <see cref="Endpoint"/> (MinIO, Ceph, s3rver), virtual-host on AWS.
    /// </summary>
    public bool? PathStyle { get; set; }

    /// <summary>How long one S3 request may take before it is abandoned (and retried). Default 15 min.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Objects larger than this go up in parts, each retried alone and resumed after a restart. Default 64 MiB.</summary>
    public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>Size of one part (at least 5 MiB; grown when an object would need more than 10,000). Default 64 MiB.</summary>
    public long PartBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The part size for an object of <paramref name="length"/> bytes: <see cref="PartBytes"/>, or more to stay within <see cref="MaxParts"/>.</summary>
    public long PartBytesFor(long length) => Math.Max(PartBytes, (length + MaxParts - 1) / MaxParts);

    internal void Validate(List<string> errors)
    {
        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || Endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add("the S3 endpoint must be an http(s) URL, e.g. http://localhost:9000");
        }

        if (string.IsNullOrWhiteSpace(Bucket) || Bucket.Contains('/', StringComparison.Ordinal))
        {
            errors.Add("the S3 bucket must be a bucket name (no '/')");
        }

        if (Region is not null && string.IsNullOrWhiteSpace(Region))
        {
            errors.Add("the S3 region, when set, must not be blank (us-east-1 for most S3-compatible servers)");
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            errors.Add("the S3 access key and secret key go together: set both, or neither to use the AWS credential chain");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("the S3 request timeout must be positive");
        }

        if (PartBytes < MinPartBytes)
        {
            errors.Add($"the S3 part size must be at least {MinPartBytes} bytes (5 MiB, S3's smallest part)");
        }

        if (MultipartThreshold < 1)
        {
            errors.Add("the S3 multipart threshold must be positive");
        }
    }
}
