using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests.Output;

public sealed class RunListTableTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(200)]
    public void List_TwentyNineDemoLikeRuns_OneLinePerRunWithinTheWidth(int columns)
    {
        var runs = DemoLikeRuns.TwentyNine();

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(columns, console => RunTables.List(console, runs, RunListLayout.Default)));

        // Top border, header, its rule, the runs, bottom border, and a footnote when names were abbreviated.
        Assert.InRange(lines.Count, runs.Count + 4, runs.Count + 5);
        Assert.All(lines, line => Assert.True(ConsoleRecorder.Width(line) <= columns, $"{ConsoleRecorder.Width(line)} > {columns}: {line}"));
        Assert.All(runs, run => Assert.Single(lines, line => line.Contains(run.Id[..8], StringComparison.Ordinal)));
        Assert.Contains("val_", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void List_OneExperimentAtColumns100_NamedAboveWithLeaderboardMetricFirst()
    {
        var runs = DemoLikeRuns.Sweep("demo-logistic-regression", 1);

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(100, console => RunTables.List(console, runs, RunListLayout.Default)));

        Assert.Equal("experiment demo-logistic-regression", lines[0].Trim());
        Assert.Equal(runs.Count + 5, lines.Count);
        var header = lines[2].Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["id", "name", "status", "started", "val_accuracy", "val_loss"], header);
    }

    [Fact]
    public void List_Narrow_AbbreviatesAndSpellsOutInAFootnote()
    {
        var runs = DemoLikeRuns.Sweep("demo-logistic-regression", 1);

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(80, console => RunTables.List(console, runs, RunListLayout.Default)));

        Assert.Contains("val_…acy", lines[2], StringComparison.Ordinal);
        Assert.Equal("val_…acy = val_accuracy", lines[^1]);
        Assert.All(lines, line => Assert.True(ConsoleRecorder.Width(line) <= 80, line));
    }

    [Fact]
    public void List_Piped_EveryProposedColumnIdsWholeNoBoxDrawingNoAnsiNoTrailingSpaces()
    {
        var runs = DemoLikeRuns.TwentyNine();

        var output = ConsoleRecorder.Piped(console => RunTables.List(console, runs, RunListLayout.Default));

        Assert.DoesNotContain(output, c => c is >= '\u2500' and <= '\u257f' || c == '\u001b' || c == '…');
        var lines = ConsoleRecorder.Lines(output);
        Assert.Equal(runs.Count + 1, lines.Count);
        Assert.Equal(["id", "experiment", "name", "status", "started", "val_accuracy", "val_loss", "train_loss", "learning_rate", "batch_size", "l2"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
        Assert.All(runs.Zip(lines.Skip(1)), pair => Assert.StartsWith(pair.First.Id[..8] + " ", pair.Second, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("2026-12-06 11:34:54Z", StringComparison.Ordinal));
    }

    [Fact]
    public void List_IdsSharingTheirFirstEightCharacters_LongEnoughToTellApart()
    {
        var runs = new[] { "0123456789abcdef", "0123456789fedcba" }
            .Select(id => new RunSummary { Id = id, Experiment = "e", Name = id, Status = "FINISHED", StartTime = DateTimeOffset.UnixEpoch }).ToList();

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Piped(console => RunTables.List(console, runs, RunListLayout.Default)));

        Assert.StartsWith("0123456789a ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("0123456789f ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void List_Tree_ChildrenUnderTheirParentWithBranchesOnATerminal()
    {
        var runs = DemoLikeRuns.Sweep("demo", 1);
        var shuffled = runs.Skip(3).Concat(runs.Take(3)).ToList();

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(200, console => RunTables.List(console, shuffled, new RunListLayout(Tree: true))));

        var rows = lines.Skip(4).Take(runs.Count).ToList();
        Assert.Contains("sweep-20261201-113354", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1).SkipLast(1), row => Assert.Contains("├─ lr=", row, StringComparison.Ordinal));
        Assert.Contains("└─ lr=", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void List_TreePiped_ChildrenIndentedWithoutLines()
    {
        var runs = DemoLikeRuns.Sweep("demo", 1);

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Piped(console => RunTables.List(console, runs, new RunListLayout(Tree: true))));

        Assert.Contains("  sweep-20261201-113354  ", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(2), line => Assert.Contains("    lr=", line, StringComparison.Ordinal));
    }

    [Fact]
    public void List_ColumnsAsked_KeptEvenWhenNarrow()
    {
        var runs = DemoLikeRuns.Sweep("demo", 1);

        var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(80, console =>
            RunTables.List(console, runs, new RunListLayout(Metrics: ["train_loss", "val_loss"], Params: ["learning_rate"]))));

        var header = lines[2].Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["id", "name", "status", "trai…oss", "val_loss", "lear…ate"], header);
        Assert.All(lines, line => Assert.True(ConsoleRecorder.Width(line) <= 80, line));
    }
}
