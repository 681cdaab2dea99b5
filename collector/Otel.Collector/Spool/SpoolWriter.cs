using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Spool;

/// <summary>
/// Appends records to the current segment. Used by one task at a time: a group of records is appended,
/// then made durable with a single <see cref="Commit"/> (group commit), then acknowledged.
/// </summary>
internal sealed class SpoolWriter : IDisposable
{
    private readonly SpoolDirectory _directory;
    private readonly long _segmentBytes;
    private readonly bool _fsync;
    private FileStream _stream;
    private long _segment;
    private long _committed;

    public SpoolWriter(SpoolDirectory directory, long segmentBytes, bool fsync)
    {
        _directory = directory;
        _segmentBytes = segmentBytes;
        _fsync = fsync;
        _segment = directory.NextSegment;
        _stream = Create(_segment);
    }

    /// <summary>The end of what <see cref="Commit"/> has made durable.</summary>
    public SpoolPosition Durable => new(_segment, _committed);

    /// <summary>Appends a record (not yet durable) and returns where it ends.</summary>
    public SpoolPosition Append(RowBatch batch)
    {
        SpoolRecord.Write(_stream, batch);
        return new SpoolPosition(_segment, _stream.Position);
    }

    /// <summary>Makes every appended record durable (fsync unless disabled), then starts a new segment when this one is full.</summary>
    public void Commit()
    {
        _stream.Flush(flushToDisk: _fsync);
        _committed = _stream.Position;
        if (_committed >= _segmentBytes)
        {
            _stream.Dispose();
            _segment++;
            _committed = 0;
            _stream = Create(_segment);
        }
    }

    /// <summary>After a failed append or commit: drops what was not committed, so the segment holds whole records only.</summary>
    public void Rollback()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // The buffered bytes that could not be written are the ones being dropped.
        }

        _stream = new FileStream(_directory.SegmentPath(_segment), FileMode.Open, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 1 << 20);
        _stream.SetLength(_committed);
        _stream.Position = _committed;
    }

    public void Dispose() => _stream.Dispose();

    private FileStream Create(long segment) =>
        new(_directory.SegmentPath(segment), FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 1 << 20);
}
