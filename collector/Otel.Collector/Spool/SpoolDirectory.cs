using System.Globalization;

namespace Otel.Collector.Spool;

/// <summary>
/// The spool's directory: numbered segment files (<c>00000000000000000001.seg</c>), the checkpoint of
/// what is stored in ClickHouse, and a lock file so two collectors never share one spool. Opening it
/// recovers from a crash: a torn record at the end of the last segment is cut off (it was never
/// acknowledged), and segments before the checkpoint are removed.
/// </summary>
internal sealed class SpoolDirectory : IDisposable
{
    private const string SegmentExtension = ".seg";
    private const string CheckpointFile = "checkpoint";
    private readonly FileStream _lock;

    private SpoolDirectory(string path, FileStream lockFile, SpoolCheckpoint checkpoint, long nextSegment)
    {
        Path = path;
        _lock = lockFile;
        Checkpoint = checkpoint;
        NextSegment = nextSegment;
    }

    public string Path { get; }

    /// <summary>What was stored when the spool was opened, and the range being stored when the collector stopped.</summary>
    public SpoolCheckpoint Checkpoint { get; }

    /// <summary>Where invalid whole records found at the end of the last segment were moved at open, if any.</summary>
    public string? SetAsideTail { get; private init; }

    /// <summary>The number of the segment a new writer starts: segments from earlier processes are never appended to.</summary>
    public long NextSegment { get; }

    /// <exception cref="IOException">Another collector holds the spool, or the directory cannot be used.</exception>
    public static SpoolDirectory Open(string path)
    {
        Directory.CreateDirectory(path);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(System.IO.Path.Combine(path, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"the spool directory {path} is in use by another collector; give each collector its own --data or --spool directory", ex);
        }

        try
        {
            var checkpoint = ReadCheckpoint(path);
            var segments = ListSegments(path);
            foreach (var old in segments.Where(s => s < checkpoint.Stored.Segment))
            {
                File.Delete(SegmentPath(path, old));
            }

            string? setAside = null;
            if (segments.Count > 0 && segments[^1] >= checkpoint.Stored.Segment)
            {
                setAside = CutInvalidTail(SegmentPath(path, segments[^1]));
            }

            var next = Math.Max(segments.Count > 0 ? segments[^1] : 0, checkpoint.Stored.Segment) + 1;
            return new SpoolDirectory(path, lockFile, checkpoint, next) { SetAsideTail = setAside };
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    public static string SegmentPath(string directory, long segment) =>
        System.IO.Path.Combine(directory, segment.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension);

    public string SegmentPath(long segment) => SegmentPath(Path, segment);

    /// <summary>Segment numbers present, ascending.</summary>
    public IReadOnlyList<long> Segments() => ListSegments(Path);

    /// <summary>Bytes spooled after <paramref name="from"/>: what is not yet in ClickHouse.</summary>
    public long BytesAfter(SpoolPosition from) => Segments()
        .Where(s => s >= from.Segment)
        .Sum(s => new FileInfo(SegmentPath(s)).Length - (s == from.Segment ? from.Offset : 0));

    /// <summary>Durably records what is stored (and the range about to be stored), replacing the file atomically.</summary>
    public void WriteCheckpoint(SpoolCheckpoint checkpoint)
    {
        var target = System.IO.Path.Combine(Path, CheckpointFile);
        var temporary = target + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(checkpoint.Format()));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Removes every segment before <paramref name="segment"/>: all of it is stored.</summary>
    public void DeleteSegmentsBefore(long segment)
    {
        foreach (var old in Segments().Where(s => s < segment))
        {
            File.Delete(SegmentPath(old));
        }
    }

    public void Dispose() => _lock.Dispose();

    private static SpoolCheckpoint ReadCheckpoint(string path)
    {
        var file = System.IO.Path.Combine(path, CheckpointFile);
        return File.Exists(file) ? SpoolCheckpoint.Parse(File.ReadAllText(file), file) : SpoolCheckpoint.Empty;
    }

    private static List<long> ListSegments(string path) => Directory.EnumerateFiles(path, "*" + SegmentExtension)
        .Select(f => long.TryParse(System.IO.Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
        .Where(n => n >= 0)
        .Order()
        .ToList();

    /// <summary>
    /// Cuts the last segment after its last whole, verified record. A record cut short by a crash was never
    /// acknowledged and is dropped; whole records that fail their checksum are kept in <c>SEGMENT.corrupt</c>.
    /// </summary>
    /// <returns>The file the invalid records were set aside in, or null.</returns>
    private static string? CutInvalidTail(string segment)
    {
        using var stream = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var valid = SpoolReader.ValidLength(stream);
        if (valid == stream.Length)
        {
            return null;
        }

        string? setAside = null;
        if (!SpoolReader.IsTornWrite(stream, valid))
        {
            setAside = segment + ".corrupt";
            stream.Position = valid;
            using var aside = new FileStream(setAside, FileMode.Create, FileAccess.Write);
            stream.CopyTo(aside);
            aside.Flush(flushToDisk: true);
        }

        stream.SetLength(valid);
        stream.Flush(flushToDisk: true);
        return setAside;
    }
}
