using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Otel.Collector.Artifacts.S3;

namespace Otel.Collector.Artifacts;

/// <summary>
/// Artifacts in an S3 bucket under <c>{prefix}sha256/ab/cdef…</c>, through the AWS SDK for .NET. An upload is spooled
/// to a local temporary file while hashed (nothing unverified may reach the bucket), then sent in one PUT carrying its
/// SHA-256 (S3 checks it again), or in parts above <see cref="S3ArtifactStoreOptions.MultipartThreshold"/> (resumed
/// after a restart), and verified with a HEAD. Reads are spooled and hashed before the first byte is served.
/// </summary>
internal sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly AmazonS3Client _s3;
    private readonly S3ArtifactStoreOptions _options;
    private readonly S3MultipartUpload _multipart;
    private readonly string _prefix;
    private readonly string _spool;
    private readonly long _maxBytes;

    public S3ArtifactStore(S3ArtifactStoreOptions options, string spoolDirectory, long maxBytes, HttpClientFactory? httpClientFactory = null)
    {
        _options = options;
        _s3 = S3Clients.Create(options, httpClientFactory);
        _prefix = options.Prefix.Length == 0 || options.Prefix.EndsWith('/') ? options.Prefix : options.Prefix + "/";
        _spool = Path.Combine(Path.GetFullPath(spoolDirectory), "tmp");
        var multipart = Path.Combine(Path.GetFullPath(spoolDirectory), "multipart");
        _multipart = new S3MultipartUpload(_s3, options.Bucket, multipart);
        _maxBytes = maxBytes;
        Directory.CreateDirectory(_spool);
        Directory.CreateDirectory(multipart);
    }

    public string Description => "S3 bucket " + S3Clients.Describe(_options) + _prefix;

    internal IAmazonS3 Client => _s3;

    internal string KeyOf(string sha256) => _prefix + ArtifactKey.RelativePath(sha256);

    public Task<long?> GetSizeAsync(string sha256, CancellationToken cancellationToken) => HeadAsync(KeyOf(sha256), cancellationToken);

    public async Task<ArtifactPutResult> PutAsync(string sha256, Stream content, CancellationToken cancellationToken)
    {
        await using var spool = OpenSpool();
        var (actual, size) = await HashingCopy.CopyAsync(content, spool, _maxBytes, cancellationToken);
        if (actual != sha256)
        {
            return new ArtifactPutResult(ArtifactPutOutcome.HashMismatch, size, actual);
        }

        var key = KeyOf(sha256);
        if (await HeadAsync(key, cancellationToken) is not null)
        {
            await S3Call("forget the upload of", key, () => _multipart.ForgetAsync(key, sha256, cancellationToken));
            return new ArtifactPutResult(ArtifactPutOutcome.AlreadyExists, size, actual);
        }

        await spool.FlushAsync(cancellationToken);
        if (size > _options.MultipartThreshold)
        {
            await S3Call("multipart upload to", key, () => _multipart.UploadAsync(key, sha256, spool.Name, size, _options.PartBytesFor(size), cancellationToken));
        }
        else
        {
            spool.Position = 0;
            await S3Call("PUT", key, () => PutObjectAsync(key, spool, sha256, cancellationToken));
        }

        var stored = await HeadAsync(key, cancellationToken);
        if (stored != size)
        {
            throw new ArtifactStoreException($"S3 accepted {key} but then reports {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no object"} instead of {size} bytes");
        }

        return new ArtifactPutResult(ArtifactPutOutcome.Created, size, actual);
    }

    public async Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        var key = KeyOf(sha256);
        if (await HeadAsync(key, cancellationToken) is null)
        {
            return false;
        }

        await S3Call("DELETE", key, () => _s3.DeleteObjectAsync(_options.Bucket, key, cancellationToken));
        return true;
    }

    public async Task<VerifiedArtifact?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken)
    {
        var key = KeyOf(sha256);
        using var response = await S3Call("GET", key, async () =>
        {
            try
            {
                return await _s3.GetObjectAsync(_options.Bucket, key, cancellationToken);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
            {
                return null;
            }
        });
        if (response is null)
        {
            return null;
        }

        var spool = OpenSpool();
        try
        {
            var (actual, size) = await HashingCopy.CopyAsync(response.ResponseStream, spool, long.MaxValue, cancellationToken);
            if (actual != sha256)
            {
                throw new ArtifactCorruptException(sha256, actual, $"Delete {key} from the bucket and upload the artifact again.");
            }

            spool.Position = 0;
            return new VerifiedArtifact(spool, size);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _s3.Dispose();

    private Task<PutObjectResponse> PutObjectAsync(string key, Stream content, string sha256, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = "application/octet-stream",
            // S3 refuses the object if what it received hashes differently; signed rather than aws-chunked, which not
            // every S3-compatible server decodes.
            ChecksumSHA256 = Convert.ToBase64String(Convert.FromHexString(sha256)),
            UseChunkEncoding = false,
        };
        request.Metadata.Add("sha256", sha256);
        return _s3.PutObjectAsync(request, cancellationToken);
    }

    /// <summary>Content-Length of the object, or null when it does not exist.</summary>
    private Task<long?> HeadAsync(string key, CancellationToken cancellationToken) => S3Call("HEAD", key, async () =>
    {
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(_options.Bucket, key, cancellationToken);
            return (long?)metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    });

    private Task<bool> S3Call(string verb, string key, Func<Task> call) => S3Call(verb, key, async () =>
    {
        await call();
        return true;
    });

    /// <summary>S3 and network failures become <see cref="ArtifactStoreException"/>s naming the call, the key and S3's error code.</summary>
    private async Task<T> S3Call<T>(string verb, string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e)
        {
            throw new ArtifactStoreException($"S3 {verb} {key} in {S3Clients.Describe(_options)} failed with {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (AmazonServiceException e)
        {
            throw new ArtifactStoreException($"S3 at {S3Clients.Describe(_options)} is unreachable or refused {verb} {key}: {e.Message}", e);
        }
        catch (AmazonClientException e)
        {
            throw new ArtifactStoreException($"S3 {verb} {key} in {S3Clients.Describe(_options)} could not be made: {e.Message}", e);
        }
    }

    /// <summary>
    /// A temporary file that the OS removes when it is closed, whatever happens to the request. Shared for reading:
    /// multipart parts are read from it by name.
    /// </summary>
    private FileStream OpenSpool() => new(
        Path.Combine(_spool, Guid.NewGuid().ToString("N") + ".spool"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);
}
