using System.Buffers;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// A request body as one span: the body itself when it is in one piece, otherwise one pooled copy of it, so that the
/// walks over the wire format index a span instead of stepping through a sequence byte by byte.
/// </summary>
internal sealed class ContiguousBytes : IDisposable
{
    private readonly ReadOnlyMemory<byte> _memory;
    private byte[]? _rented;

    private ContiguousBytes(ReadOnlyMemory<byte> memory, byte[]? rented)
    {
        _memory = memory;
        _rented = rented;
    }

    public ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>The bytes as a single-segment sequence, for whatever reads sequences.</summary>
    public ReadOnlySequence<byte> Sequence => new(_memory);

    public static ContiguousBytes Of(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return new ContiguousBytes(bytes.First, null);
        }

        var length = checked((int)bytes.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        bytes.CopyTo(rented);
        return new ContiguousBytes(rented.AsMemory(0, length), rented);
    }

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
