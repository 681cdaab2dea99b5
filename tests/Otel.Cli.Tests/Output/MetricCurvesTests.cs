using Otel.Cli.Output;

namespace Otel.Cli.Tests.Output;

public sealed class MetricCurvesTests
{
    private static readonly string[] Keys = ["loss", "val_accuracy"];

    [Fact]
    public void Layout_WideTerminal_CurveFillsWhatKeyAndNumbersLeave()
    {
        var stats = MetricCurves.Stats([["latest 0.1", "min 0.1"], ["latest 0.93", "min 0.5"]]);

        var layout = MetricCurves.Layout(100, Keys, stats);

        Assert.Equal(new CurveLayout(100, 12, 100 - 12 - stats.Max(s => s.Length) - 4, OwnLine: false), layout);
    }

    [Fact]
    public void Lines_WideTerminal_EachFitsTheWidthWithNumbersAligned()
    {
        var stats = MetricCurves.Stats([["latest 0.1", "min 0.1", "2 NaN/Inf"], ["latest 0.93", "min 0.5", ""]]);
        var layout = MetricCurves.Layout(80, Keys, stats);
        var values = Enumerable.Range(0, 500).Select(i => i == 7 ? double.NaN : 1.0 / (i + 1)).Take(layout.CurveWidth).ToList();

        var lines = MetricCurves.Lines(layout, [new MetricCurve("loss", stats[0], values), new MetricCurve("val_accuracy", stats[1], values)]).ToList();

        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.True(line.Length <= 80, line));
        Assert.StartsWith("loss          █", lines[0], StringComparison.Ordinal);
        Assert.Equal(' ', lines[0][14 + 7]);
        Assert.Equal(lines[0].IndexOf("min", StringComparison.Ordinal), lines[1].IndexOf("min", StringComparison.Ordinal));
        Assert.EndsWith("2 NaN/Inf", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_NarrowTerminal_CurveOnItsOwnLine()
    {
        var stats = MetricCurves.Stats([["latest 0.1", "min 0.1", "max 1", "steps 0–499"]]);
        var layout = MetricCurves.Layout(40, ["a_rather_long_metric_name_for_a_narrow_terminal"], stats);

        var lines = MetricCurves.Lines(layout, [new MetricCurve("a_rather_long_metric_name_for_a_narrow_terminal", stats[0], [1, 2, 3])]).ToList();

        Assert.True(layout.OwnLine);
        Assert.Equal(38, layout.CurveWidth);
        // Key and numbers would be 72 columns: the numbers go under the key, broken between fields, within the 40.
        Assert.Equal(["a_rather_long_metric_name_f…", "  latest 0.1  min 0.1  max 1", "  steps 0–499", "  ▁▅█"], lines);
    }

    [Fact]
    public void Lines_NarrowTerminalWhereKeyAndNumbersFit_OneLineForBoth()
    {
        var stats = MetricCurves.Stats([["latest 0.1", "min 0.1"]]);
        var layout = MetricCurves.Layout(30, ["loss"], stats);

        var lines = MetricCurves.Lines(layout, [new MetricCurve("loss", stats[0], [1, 2, 3])]).ToList();

        Assert.True(layout.OwnLine);
        Assert.Equal(["loss  latest 0.1  min 0.1", "  ▁▅█"], lines);
    }

    [Theory]
    [InlineData(null, MetricCurves.PlainWidth)]
    [InlineData("100", 100)]
    [InlineData("not-a-width", MetricCurves.PlainWidth)]
    public void Width_Piped_ColumnsOrEightyNotUnlimited(string? columns, int expected)
    {
        var console = CliConsole.Create(TextWriter.Null, isTerminal: false, _ => null);

        Assert.Equal(expected, MetricCurves.Width(console, name => name == "COLUMNS" ? columns : null));
    }

    [Fact]
    public void Width_Terminal_ItsWidth()
    {
        var console = CliConsole.Create(TextWriter.Null, isTerminal: true, name => name == "COLUMNS" ? "120" : null);

        Assert.Equal(120, MetricCurves.Width(console, _ => "60"));
    }

    [Fact]
    public void Lines_HostileKey_InertAndFitted()
    {
        const string Key = "loss\u001b[2J\r";
        var stats = MetricCurves.Stats([["latest 0.1"]]);
        var layout = MetricCurves.Layout(80, [Key], stats);

        var line = Assert.Single(MetricCurves.Lines(layout, [new MetricCurve(Key, stats[0], [1, 2])]));

        Assert.StartsWith(@"loss\x1b[2J\r  ▁█", line, StringComparison.Ordinal);
        Assert.True(line.Length <= 80, line);
    }
}
