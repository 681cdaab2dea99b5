using Amazon.S3;
using Amazon.S3.Model;

namespace Otel.Collector.Artifacts.S3;

/// <summary>
/// Uploads a spooled file in parts, each retried alone by the SDK, and resumes an upload that a restart cut: the parts
/// recorded in <see cref="S3MultipartState"/> are not sent again. The object appears only on completion, so a reader
/// never sees a partial artifact.
/// </summary>
internal sealed class S3MultipartUpload(IAmazonS3 s3, string bucket, string stateDirectory)
{
    /// <summary>Uploads <paramref name="length"/> bytes of <paramref name="file"/> to <paramref name="key"/>.</summary>
    public async Task UploadAsync(string key, string sha256, string file, long length, long partBytes, CancellationToken cancellationToken)
    {
        var statePath = S3MultipartState.PathFor(stateDirectory, sha256);
        var state = S3MultipartState.Load(statePath) is { } saved && saved.PartBytes == partBytes ? saved : await StartAsync(key, sha256, partBytes, statePath, cancellationToken);
        try
        {
            await UploadPartsAsync(key, file, length, state, statePath, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // The server forgot the upload (aborted, expired by a lifecycle rule): start over, once.
            state = await StartAsync(key, sha256, partBytes, statePath, cancellationToken);
            await UploadPartsAsync(key, file, length, state, statePath, cancellationToken);
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = state.UploadId,
            PartETags = state.Parts.OrderBy(p => p.Key).Select(p => new PartETag(p.Key, p.Value)).ToList(),
        }, cancellationToken);
        File.Delete(statePath);
    }

    /// <summary>Forgets a saved upload of <paramref name="sha256"/> (the object exists by other means), aborting it on the server.</summary>
    public async Task ForgetAsync(string key, string sha256, CancellationToken cancellationToken)
    {
        var statePath = S3MultipartState.PathFor(stateDirectory, sha256);
        if (S3MultipartState.Load(statePath) is not { } state)
        {
            return;
        }

        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = state.UploadId }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
        }

        File.Delete(statePath);
    }

    private async Task<S3MultipartState> StartAsync(string key, string sha256, long partBytes, string statePath, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = "application/octet-stream" };
        request.Metadata.Add("sha256", sha256);
        var started = await s3.InitiateMultipartUploadAsync(request, cancellationToken);
        var state = new S3MultipartState { UploadId = started.UploadId, PartBytes = partBytes };
        state.Save(statePath);
        return state;
    }

    private async Task UploadPartsAsync(string key, string file, long length, S3MultipartState state, string statePath, CancellationToken cancellationToken)
    {
        var parts = (int)((length + state.PartBytes - 1) / state.PartBytes);
        for (var number = 1; number <= parts; number++)
        {
            if (state.Parts.ContainsKey(number))
            {
                continue;
            }

            var offset = (number - 1) * state.PartBytes;
            var uploaded = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = state.UploadId,
                PartNumber = number,
                FilePath = file,
                FilePosition = offset,
                PartSize = Math.Min(state.PartBytes, length - offset),
                IsLastPart = number == parts,
                // Signed with the part's SHA-256 rather than aws-chunked framing, which not every S3-compatible server decodes.
                UseChunkEncoding = false,
            }, cancellationToken);
            state.Parts[number] = uploaded.ETag;
            state.Save(statePath);
        }
    }
}
