using System.Buffers;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// A request body held in pooled chunks that grow as data arrives (4 KiB doubling to 1 MiB), read
/// as one <see cref="ReadOnlySequence{T}"/>. Nothing is ever sized from a Content-Length header,
/// and no large contiguous array is needed for a large body.
/// </summary>
internal sealed class PooledByteBuffer(BodyMemoryBudget? budget = null) : IDisposable
{
    private const int FirstChunkBytes = 4 * 1024;
    private const int LargestChunkBytes = 1024 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _lastChunkUsed;
    private long _reserved;

    public long Length { get; private set; }

    /// <summary>Free space at the end of the buffer, adding a chunk when the last one is full.</summary>
    public Memory<byte> GetMemory()
    {
        if (_chunks.Count == 0 || _lastChunkUsed == _chunks[^1].Length)
        {
            var size = _chunks.Count == 0 ? FirstChunkBytes : Math.Min(_chunks[^1].Length * 2, LargestChunkBytes);
            if (budget is not null)
            {
                if (!budget.TryReserve(size, _reserved))
                {
                    throw new BodyBudgetExhaustedException(budget.ExhaustedMessage);
                }

                _reserved += size;
            }

            _chunks.Add(ArrayPool<byte>.Shared.Rent(size));
            _lastChunkUsed = 0;
        }

        return _chunks[^1].AsMemory(_lastChunkUsed);
    }

    public void Advance(int count)
    {
        _lastChunkUsed += count;
        Length += count;
    }

    public ReadOnlySequence<byte> ToSequence()
    {
        if (_chunks.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        if (_chunks.Count == 1)
        {
            return new ReadOnlySequence<byte>(_chunks[0], 0, _lastChunkUsed);
        }

        var first = new Segment(_chunks[0]);
        var last = first;
        for (var i = 1; i < _chunks.Count; i++)
        {
            var used = i == _chunks.Count - 1 ? _lastChunkUsed : _chunks[i].Length;
            last = last.Append(_chunks[i].AsMemory(0, used));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        Length = 0;
        budget?.Release(_reserved);
        _reserved = 0;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
