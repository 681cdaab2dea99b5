using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Tests.Output;

public sealed class CliConsoleTests
{
    [Fact]
    public void Piped_Table_PlainColumnsUnderAHeaderLine()
    {
        var output = ConsoleRecorder.Piped(console =>
        {
            var table = Tables.New("name", "size").Title("[bold]artifacts[/]");
            table.Columns[1].RightAligned();
            table.AddRow("model.json", "225");
            table.AddRow("[green]weights.bin[/]", "1048576");
            console.Write(table);
        });

        Assert.Equal("artifacts\nname            size\nmodel.json       225\nweights.bin  1048576\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Piped_TablesAfterOtherOutput_SeparatedByABlankLine()
    {
        var output = ConsoleRecorder.Piped(console =>
        {
            console.MarkupLine("[bold]run[/] r1");
            console.Write(Tables.New("param", "value").AddRow("lr", "0.1"));
            console.Write(Tables.New("tag", "value").AddRow("owner", "ana"));
        });

        Assert.Equal("run r1\n\nparam  value\nlr     0.1\n\ntag    value\nowner  ana\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Piped_GridRulePanelAndLongCell_NoBoxDrawingNoAnsiNoWrapNoTrailingSpaces()
    {
        var longUri = "s3://bucket/" + new string('x', 300);
        var output = ConsoleRecorder.Piped(console =>
        {
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("[bold]status[/]", "[green]FINISHED[/]");
            grid.AddRow("[bold]uri[/]", longUri);
            console.Write(grid);
            console.Write(new Rule("[bold]metrics[/]"));
            console.Write(new Panel("inside"));
            console.Write(Tables.New("id", "uri").AddRow("9da52d3aa1724c6bb347a63529c941b6", longUri));
        });

        Assert.DoesNotContain(output, c => c is >= '\u2500' and <= '\u257f' || c == '\u001b');
        var lines = ConsoleRecorder.Lines(output);
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
        Assert.Contains(lines, line => line.EndsWith(longUri, StringComparison.Ordinal) && line.Contains("9da52d3aa1724c6bb347a63529c941b6", StringComparison.Ordinal));
        Assert.Contains("metrics", lines);
        Assert.Contains(lines, line => line.Trim() == "inside");
    }

    [Fact]
    public void Terminal_Columns_IsTheWidth()
    {
        using var output = new StringWriter();

        var console = CliConsole.Create(output, isTerminal: true, name => name == "COLUMNS" ? "100" : null);

        Assert.Equal(100, console.Profile.Width);
        Assert.False(CliConsole.IsPlain(console));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    public void Terminal_ColumnsNotAWidth_Ignored(string columns)
    {
        using var output = new StringWriter();

        var console = CliConsole.Create(output, isTerminal: true, name => name == "COLUMNS" ? columns : null);

        Assert.NotEqual(0, console.Profile.Width);
        Assert.False(CliConsole.IsPlain(console));
    }

    [Fact]
    public void Terminal_NoColor_NoColours()
    {
        using var output = new StringWriter();

        var console = CliConsole.Create(output, isTerminal: true, name => name == "NO_COLOR" ? "1" : null);

        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void Piped_ColumnsSet_StillUnlimited()
    {
        using var output = new StringWriter();

        var console = CliConsole.Create(output, isTerminal: false, name => name == "COLUMNS" ? "80" : null);

        Assert.True(CliConsole.IsPlain(console));
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void Terminal_Table_DrawnWithRoundedBorder()
    {
        var output = ConsoleRecorder.Terminal(40, console => console.Write(Tables.New("a", "b").AddRow("1", "2")));

        Assert.StartsWith("╭", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_TableWhoseWordsCannotFit_ShownOneBlockPerRow()
    {
        // The words side by side need 73 columns and borders; as blocks, the widest line is 45.
        var output = ConsoleRecorder.Terminal(50, console => console.Write(Tables.New("slo", "kind", "covers")
            .AddRow("demo-logistic-regression-availability", "availability", "model demo-logistic-regression")
            .AddRow("demo-logistic-regression-latency", "latency", "model demo-logistic-regression")));

        var lines = ConsoleRecorder.Lines(output);
        Assert.Equal(
            [
                "slo     demo-logistic-regression-availability", "kind    availability", "covers  model demo-logistic-regression", "",
                "slo     demo-logistic-regression-latency", "kind    latency", "covers  model demo-logistic-regression",
            ],
            lines.Select(l => l.TrimEnd()));
    }

    [Fact]
    public void Terminal_TableThatFitsOnceWrappedAtSpaces_StaysATable()
    {
        var output = ConsoleRecorder.Terminal(40, console => console.Write(Tables.New("name", "by", "description")
            .AddRow("model", "ana", "a description long enough that it has to wrap over lines")));

        Assert.StartsWith("╭", output, StringComparison.Ordinal);
    }
}
