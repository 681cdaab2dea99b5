using System.Security.Cryptography;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>Deterministic artifact bytes with their SHA-256, and a stream that breaks part-way like a dropped connection.</summary>
internal static class ArtifactTestData
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A fresh directory under the system temp directory, removed on dispose.</summary>
    public static TempDir NewDirectory() => new(Directory.CreateTempSubdirectory("otel-track-artifacts-").FullName);

    internal sealed class TempDir(string path) : IDisposable
    {
        public string Path { get; } = path;

        public string[] Files(string relative) =>
            Directory.Exists(System.IO.Path.Combine(Path, relative))
                ? Directory.GetFiles(System.IO.Path.Combine(Path, relative), "*", SearchOption.AllDirectories)
                : [];

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Yields the first <paramref name="breakAfter"/> bytes of <paramref name="content"/>, then fails as a reset connection would.</summary>
internal sealed class BreakingStream(byte[] content, int breakAfter) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= breakAfter)
        {
            throw new IOException("connection reset (simulated)");
        }

        var n = Math.Min(buffer.Length, breakAfter - _position);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
