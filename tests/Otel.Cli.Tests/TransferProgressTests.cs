using Otel.Cli.Output;

namespace Otel.Cli.Tests;

/// <summary>Downloads draw a progress bar only on a terminal and only for files over a few MB.</summary>
public sealed class TransferProgressTests
{
    [Theory]
    [InlineData(true, 8L << 20, true)]
    [InlineData(true, 1L << 20, false)]
    [InlineData(false, 8L << 30, false)]
    [InlineData(true, 4L << 20, true)] // the SDK's upload line starts at 4 MiB too: one threshold for both
    [InlineData(true, (4L << 20) - 1, false)]
    public void ShouldDraw_TerminalAndSize_DecideTheBar(bool stderrIsTerminal, long bytes, bool expected) =>
        Assert.Equal(expected, TransferProgress.ShouldDraw(stderrIsTerminal, bytes));
}
