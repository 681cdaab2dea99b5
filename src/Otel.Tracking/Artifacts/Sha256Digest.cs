using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Otel.Tracking.Artifacts;

/// <summary>
/// Streaming SHA-256 (files are never loaded whole) and the directory digest of the wire contract: SHA-256 over the
/// UTF-8 manifest of <c>relative/path\tsha256\n</c> lines, sorted by the paths' UTF-8 bytes.
/// </summary>
internal static class Sha256Digest
{
    private const int BufferSize = 1 << 20;

    /// <summary>Hashes from the stream's position to its end; <paramref name="observe"/> sees every chunk (CSV scanning).</summary>
    public static (string Sha256, long Size) Compute(Stream stream, Action<ReadOnlySpan<byte>>? observe = null, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
                observe?.Invoke(buffer.AsSpan(0, read));
                size += read;
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static (string Sha256, long Size) ComputeFile(string path, CancellationToken cancellationToken = default)
    {
        using var stream = OpenRead(path);
        return Compute(stream, observe: null, cancellationToken);
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>The manifest bytes for files already hashed; <paramref name="files"/> must be in <see cref="Utf8Order"/>.</summary>
    public static byte[] Manifest(IEnumerable<(string RelativePath, string Sha256)> files)
    {
        var text = new StringBuilder();
        foreach (var (relativePath, sha256) in files)
        {
            text.Append(relativePath).Append('\t').Append(sha256).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string DirectoryDigest(IEnumerable<(string RelativePath, string Sha256)> files) =>
        Convert.ToHexStringLower(SHA256.HashData(Manifest(files)));

    /// <summary>Ordinal by UTF-8 bytes, the order every SDK can reproduce (UTF-16 order differs above U+FFFF).</summary>
    public static readonly Comparer<string> Utf8Order = Comparer<string>.Create(static (a, b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
}
