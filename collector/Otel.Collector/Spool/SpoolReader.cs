namespace Otel.Collector.Spool;

/// <summary>One acknowledged request read back from the spool.</summary>
internal sealed record SpoolEntry(SpoolPosition Start, SpoolPosition End, byte[] Payload);

/// <summary>Reads records in order across segments, never past what the writer has made durable.</summary>
internal sealed class SpoolReader : IDisposable
{
    private readonly SpoolDirectory _directory;
    private readonly byte[] _header = new byte[SpoolRecord.HeaderBytes];
    private FileStream? _stream;

    public SpoolReader(SpoolDirectory directory, SpoolPosition start)
    {
        _directory = directory;
        Position = start;
    }

    /// <summary>Where the next record starts.</summary>
    public SpoolPosition Position { get; private set; }

    /// <summary>The next whole record ending at or before <paramref name="durableEnd"/>, or null when there is none yet.</summary>
    /// <exception cref="InvalidDataException">The record at <see cref="Position"/> is corrupt.</exception>
    public SpoolEntry? TryRead(SpoolPosition durableEnd)
    {
        while (Position < durableEnd)
        {
            var stream = OpenCurrent(durableEnd);
            if (stream is null)
            {
                return null;
            }

            var limit = Position.Segment < durableEnd.Segment ? stream.Length : durableEnd.Offset;
            if (Position.Offset < limit)
            {
                return ReadAt(stream, limit);
            }

            if (Position.Segment >= durableEnd.Segment)
            {
                return null;
            }

            MoveToNextSegment(durableEnd);
        }

        return null;
    }

    /// <summary>Skips the rest of the current segment (after it was found corrupt and set aside).</summary>
    public void SkipSegment(SpoolPosition durableEnd)
    {
        if (Position.Segment < durableEnd.Segment)
        {
            MoveToNextSegment(durableEnd);
        }
    }

    /// <summary>The length of the leading run of whole, verified records in <paramref name="stream"/>.</summary>
    public static long ValidLength(FileStream stream)
    {
        var header = new byte[SpoolRecord.HeaderBytes];
        long offset = 0;
        stream.Position = 0;
        while (offset + SpoolRecord.HeaderBytes <= stream.Length)
        {
            stream.ReadExactly(header);
            var length = SpoolRecord.ReadHeader(header, out var hash);
            if (length < 0 || offset + SpoolRecord.HeaderBytes + length > stream.Length)
            {
                break;
            }

            var payload = new byte[length];
            stream.ReadExactly(payload);
            if (!SpoolRecord.HashMatches(payload, hash))
            {
                break;
            }

            offset += SpoolRecord.HeaderBytes + length;
        }

        return offset;
    }

    /// <summary>
    /// True when the bytes from <paramref name="offset"/> are one record cut short (the write a crash interrupted),
    /// false when a whole record is there but fails its checksum or header (corruption).
    /// </summary>
    public static bool IsTornWrite(FileStream stream, long offset)
    {
        var remaining = stream.Length - offset;
        if (remaining < SpoolRecord.HeaderBytes)
        {
            return true;
        }

        var header = new byte[SpoolRecord.HeaderBytes];
        stream.Position = offset;
        stream.ReadExactly(header);
        var length = SpoolRecord.ReadHeader(header, out _);
        return length >= 0 && SpoolRecord.HeaderBytes + length > remaining;
    }

    /// <summary>
    /// Records from <paramref name="from"/> to <paramref name="durableEnd"/>, counted by their headers alone (for the
    /// collector's gauges at start), and where the last of them ends; a header that is not valid ends the count of its
    /// segment.
    /// </summary>
    public static (long Records, SpoolPosition End) CountRecords(SpoolDirectory directory, SpoolPosition from, SpoolPosition durableEnd)
    {
        var header = new byte[SpoolRecord.HeaderBytes];
        long records = 0;
        var end = from;
        foreach (var segment in directory.Segments().Where(s => s >= from.Segment && s <= durableEnd.Segment))
        {
            using var stream = new FileStream(directory.SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var offset = segment == from.Segment ? from.Offset : 0;
            var limit = segment == durableEnd.Segment ? durableEnd.Offset : stream.Length;
            while (offset + SpoolRecord.HeaderBytes <= limit)
            {
                stream.Position = offset;
                stream.ReadExactly(header);
                var length = SpoolRecord.ReadHeader(header, out _);
                if (length < 0)
                {
                    break;
                }

                offset += SpoolRecord.HeaderBytes + length;
                records++;
                end = new SpoolPosition(segment, offset);
            }
        }

        return (records, end);
    }

    public void Dispose() => _stream?.Dispose();

    private SpoolEntry ReadAt(FileStream stream, long limit)
    {
        var start = Position;
        stream.Position = start.Offset;
        if (limit - start.Offset < SpoolRecord.HeaderBytes)
        {
            throw Corrupt("a record header is cut short");
        }

        stream.ReadExactly(_header);
        var length = SpoolRecord.ReadHeader(_header, out var hash);
        if (length < 0 || start.Offset + SpoolRecord.HeaderBytes + length > limit)
        {
            throw Corrupt("a record header is not valid");
        }

        var payload = new byte[length];
        stream.ReadExactly(payload);
        if (!SpoolRecord.HashMatches(payload, hash))
        {
            throw Corrupt("a record's checksum does not match");
        }

        Position = start with { Offset = start.Offset + SpoolRecord.HeaderBytes + length };
        return new SpoolEntry(start, Position, payload);
    }

    private InvalidDataException Corrupt(string what) =>
        new($"spool segment {_directory.SegmentPath(Position.Segment)} is corrupt at offset {Position.Offset}: {what}");

    private FileStream? OpenCurrent(SpoolPosition durableEnd)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var path = _directory.SegmentPath(Position.Segment);
        if (!File.Exists(path))
        {
            // Segments are numbered with gaps across restarts; go to the next one that exists.
            var next = _directory.Segments().Where(s => s > Position.Segment && s <= durableEnd.Segment).Cast<long?>().FirstOrDefault();
            if (next is null)
            {
                return null;
            }

            Position = new SpoolPosition(next.Value, 0);
            path = _directory.SegmentPath(next.Value);
        }

        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1 << 16);
        return _stream;
    }

    private void MoveToNextSegment(SpoolPosition durableEnd)
    {
        _stream?.Dispose();
        _stream = null;
        var next = _directory.Segments().Where(s => s > Position.Segment && s <= durableEnd.Segment).Cast<long?>().FirstOrDefault();
        Position = new SpoolPosition(next ?? durableEnd.Segment, 0);
    }
}
