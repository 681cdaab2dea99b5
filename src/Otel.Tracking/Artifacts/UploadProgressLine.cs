using System.Diagnostics;
using System.Globalization;

namespace Otel.Tracking.Artifacts;

/// <summary>
/// One line on stderr that follows an artifact upload of a few MB or more, redrawn in place at most twice a second,
/// only when stderr is a terminal: in a log or a pipe it would be noise (the run's events record the upload anyway).
/// </summary>
internal sealed class UploadProgressLine
{
    /// <summary>Smaller uploads end before the line would be read; the CLI's transfer bars start here too (it sees internals).</summary>
    public const long MinBytes = 4L * 1024 * 1024;

    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly long _size;
    private readonly TextWriter _stderr;
    private readonly Lock _lock = new();
    private long _lastDrawn = long.MinValue;

    private UploadProgressLine(string path, long size, TextWriter stderr)
    {
        _path = path;
        _size = size;
        _stderr = stderr;
    }

    public static bool ShouldDraw(bool stderrIsTerminal, long size) => stderrIsTerminal && size >= MinBytes;

    /// <summary>A line for this upload, or null when none is drawn.</summary>
    public static UploadProgressLine? Start(string path, long size) =>
        ShouldDraw(!Console.IsErrorRedirected, size) ? new UploadProgressLine(path, size, Console.Error) : null;

    /// <summary>For tests: a line drawn on <paramref name="stderr"/> whatever it is.</summary>
    internal static UploadProgressLine On(TextWriter stderr, string path, long size) => new(path, size, stderr);

    /// <summary>Bytes sent so far (a retry starts again from 0).</summary>
    public void Report(long sent)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_lastDrawn != long.MinValue && Stopwatch.GetElapsedTime(_lastDrawn, now) < RedrawEvery && sent < _size)
            {
                return;
            }

            _lastDrawn = now;
            var percent = _size == 0 ? 100 : (int)(100 * sent / _size);
            // \r and "erase to end of line": the line is redrawn in place on a terminal.
            _stderr.Write(string.Create(CultureInfo.InvariantCulture,
                $"\rotel-track: uploading {_path} {percent,3}% ({ReadableText.Bytes(sent)} of {ReadableText.Bytes(_size)})\u001b[K"));
        }
    }

    /// <summary>Ends the line with the outcome.</summary>
    public void Finish(bool stored)
    {
        lock (_lock)
        {
            _stderr.WriteLine(stored
                ? $"\rotel-track: uploaded {_path} ({ReadableText.Bytes(_size)})\u001b[K"
                : $"\rotel-track: upload of {_path} did not finish\u001b[K");
        }
    }
}
