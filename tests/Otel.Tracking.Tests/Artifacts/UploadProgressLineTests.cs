using Otel.Tracking.Artifacts;

namespace Otel.Tracking.Tests.Artifacts;

/// <summary>Artifact uploads of a few MB or more draw one line on a terminal's stderr that follows the bytes sent.</summary>
public sealed class UploadProgressLineTests
{
    [Theory]
    [InlineData(true, 8L << 20, true)]
    [InlineData(true, 1L << 20, false)]
    [InlineData(false, 8L << 30, false)]
    public void ShouldDraw_TerminalAndSize_DecideTheLine(bool stderrIsTerminal, long size, bool expected) =>
        Assert.Equal(expected, UploadProgressLine.ShouldDraw(stderrIsTerminal, size));

    [Fact]
    public void Report_ThroughAStream_RedrawsInPlace_ThenEndsTheLine()
    {
        var stderr = new StringWriter();
        var line = UploadProgressLine.On(stderr, "models/model.bin", 8L << 20);
        var content = new byte[8 << 20];

        using (var stream = new ProgressReadStream(new MemoryStream(content), line.Report))
        {
            stream.CopyTo(Stream.Null, 1 << 20);
        }

        line.Finish(stored: true);

        var drawn = stderr.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        // The first chunk draws and the last (everything sent) always does; those between only every half second.
        Assert.Equal("otel-track: uploading models/model.bin  12% (1 MiB of 8 MiB)\u001b[K", drawn[0]);
        Assert.Contains("otel-track: uploading models/model.bin 100% (8 MiB of 8 MiB)\u001b[K", drawn);
        Assert.Equal("otel-track: uploaded models/model.bin (8 MiB)\u001b[K" + Environment.NewLine, drawn[^1]);
    }

    [Fact]
    public void Finish_NotStored_SaysTheUploadDidNotFinish()
    {
        var stderr = new StringWriter();

        UploadProgressLine.On(stderr, "data.bin", 5L << 20).Finish(stored: false);

        Assert.Contains("upload of data.bin did not finish", stderr.ToString(), StringComparison.Ordinal);
    }
}
