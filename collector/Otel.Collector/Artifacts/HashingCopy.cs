using System.Buffers;
using System.Security.Cryptography;

namespace Otel.Collector.Artifacts;

/// <summary>Streams bytes through SHA-256 in bounded buffers: no artifact is ever held in memory whole.</summary>
internal static class HashingCopy
{
    private const int BufferSize = 1 << 20;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> (or only hashes it when null).</summary>
    /// <exception cref="ArtifactTooLargeException">More than <paramref name="limit"/> bytes arrived.</exception>
    public static async Task<(string Sha256, long Size)> CopyAsync(Stream source, Stream? destination, long limit, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    throw new ArtifactTooLargeException(limit);
                }

                hash.AppendData(buffer, 0, read);
                if (destination is not null)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return (ArtifactKey.Hex(hash), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Task<(string Sha256, long Size)> HashAsync(Stream source, CancellationToken cancellationToken) =>
        CopyAsync(source, destination: null, long.MaxValue, cancellationToken);
}
