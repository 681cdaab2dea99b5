using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Otel.Collector.Artifacts;

/// <summary>
/// <c>GET /api/artifacts/{sha256}</c>. The store verifies the bytes before the first one is sent (a corrupt object
/// is refused with 500 and a reason); the copy is hashed again while it streams, and its last buffer is held back
/// until that hash matches, so bytes changed in between end in an aborted response, never a complete one.
/// </summary>
internal static class ArtifactDownload
{
    private const int BufferSize = 1 << 16;

    public static async Task GetAsync(string sha256, HttpContext context, IArtifactStore store, ILoggerFactory logs, CancellationToken ct)
    {
        if (!ArtifactKey.TryNormalize(sha256, out var key))
        {
            await ArtifactApi.BadKey(sha256).ExecuteAsync(context);
            return;
        }

        VerifiedArtifact? artifact;
        try
        {
            artifact = await store.OpenVerifiedAsync(key, ct);
        }
        catch (ArtifactCorruptException e)
        {
            await ArtifactApi.Error(StatusCodes.Status500InternalServerError, e.Message).ExecuteAsync(context);
            return;
        }
        catch (ArtifactStoreException e)
        {
            await ArtifactApi.Unavailable(e).ExecuteAsync(context);
            return;
        }

        if (artifact is null)
        {
            await ArtifactApi.Error(StatusCodes.Status404NotFound, $"unknown artifact {key}").ExecuteAsync(context);
            return;
        }

        await using (artifact)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = artifact.Length;
            context.Response.Headers.ETag = $"\"{key}\"";
            if (!await CopyVerifiedAsync(artifact.Content, context.Response.Body, key, ct))
            {
                logs.CreateLogger(typeof(ArtifactDownload)).LogError("Artifact {Sha256} changed while it was served; the response was aborted", key);
                context.Abort();
            }
        }
    }

    /// <summary>False, with the last buffer unsent, when the streamed bytes do not hash to <paramref name="key"/>.</summary>
    private static async Task<bool> CopyVerifiedAsync(Stream source, Stream destination, string key, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var held = ArrayPool<byte>.Shared.Rent(BufferSize);
        var next = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var heldCount = await source.ReadAsync(held.AsMemory(0, BufferSize), ct);
            int read;
            while (heldCount > 0 && (read = await source.ReadAsync(next.AsMemory(0, BufferSize), ct)) > 0)
            {
                hash.AppendData(held, 0, heldCount);
                await destination.WriteAsync(held.AsMemory(0, heldCount), ct);
                (held, next) = (next, held);
                heldCount = read;
            }

            hash.AppendData(held, 0, heldCount);
            if (ArtifactKey.Hex(hash) != key)
            {
                return false;
            }

            await destination.WriteAsync(held.AsMemory(0, heldCount), ct);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(held);
            ArrayPool<byte>.Shared.Return(next);
        }
    }
}
