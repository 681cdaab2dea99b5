using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Otel.Cli.Report;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests.Report;

/// <summary>The report's chart: gaps for NaN, dots for lone points, one styled curve and legend entry per run, escaped names.</summary>
public sealed partial class SvgChartTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_NaNAndInfinity_BreakTheCurveAndALonePointIsADot()
    {
        var curves = new MetricCurves("loss", new Dictionary<string, IReadOnlyList<ChartPoint>>
        {
            ["run-a"] = [Point(0, 1), Point(1, 0.8), Point(2, double.NaN), Point(3, 0.5), Point(4, double.PositiveInfinity), Point(5, 0.4), Point(6, 0.3)],
        });

        var d = Paths(SvgChart.Render(curves, [Run("run-a", "a")])).Single().Attribute("d")!.Value;

        Assert.Equal(3, d.Count(c => c == 'M'));
        Assert.Contains("l0,0", d, StringComparison.Ordinal);
        Assert.DoesNotMatch(NonNumeric(), d);
    }

    [Fact]
    public void Render_RunsWithAndWithoutTheKey_OneCurveAndLegendEntryPerRunThatLoggedIt()
    {
        var curves = new MetricCurves("val_accuracy", new Dictionary<string, IReadOnlyList<ChartPoint>>
        {
            ["run-a"] = [Point(1, 0.7), Point(2, 0.8)],
            ["run-c"] = [Point(1, 0.6), Point(2, 0.9)],
        });

        var svg = XElement.Parse(SvgChart.Render(curves, [Run("run-a", "a"), Run("run-b", "b"), Run("run-c", "<c & \"d\">")]));
        var paths = Paths(svg.ToString()).ToList();

        Assert.Equal(["run-a", "run-c"], paths.Select(p => p.Attribute("data-run")!.Value));
        // Each run keeps its own style (by its place in the report), whether or not the runs between them drew.
        Assert.Equal([RunStyle.All[0].Colour, RunStyle.All[2].Colour], paths.Select(p => p.Attribute("stroke")!.Value));
        Assert.Equal([RunStyle.All[0].DashArray, RunStyle.All[2].DashArray], paths.Select(p => p.Attribute("stroke-dasharray")!.Value));
        Assert.Equal(["a (run-a, solid)", "<c & \"d\"> (run-c, dotted)"],
            svg.Descendants().Where(e => e.Attribute("class")?.Value == "legend").Select(e => e.Value));
    }

    [Fact]
    public void Render_LongRunName_CutInTheLegendAndWholeInItsTooltip()
    {
        var name = new string('n', 60);
        var curves = new MetricCurves("loss", new Dictionary<string, IReadOnlyList<ChartPoint>> { ["run-a"] = [Point(1, 1), Point(2, 0.5)] });

        var entry = XElement.Parse(SvgChart.Render(curves, [Run("run-a", name)])).Descendants().Single(e => e.Attribute("class")?.Value == "legend-entry");

        Assert.Equal(name, entry.Elements().Single(e => e.Name.LocalName == "title").Value);
        Assert.Equal(new string('n', 31) + "… (run-a, solid)", entry.Elements().Single(e => e.Attribute("class")?.Value == "legend").Value);
    }

    [Fact]
    public void Curves_MetricLoggedWithoutSteps_DrawnAgainstSecondsSinceTheRunStarted()
    {
        // An OpenTelemetry metric of the run (process CPU): every point at step 0, so by step it would be one dot.
        var run = new RunDetail(Run("run-a", "a"))
        {
            History = { ["process.cpu.time"] = [new(0, 1.5, At.AddSeconds(20)), new(0, 0.5, At), new(0, 1.0, At.AddSeconds(10))] },
        };
        var byStep = new Dictionary<string, IReadOnlyList<DownsampledPoint>>(StringComparer.Ordinal) { ["run-a"] = [new(0, 1.5, 0.5, 1.5, At.AddSeconds(20), 3)] };

        var curves = ReportDataGatherer.Curves("process.cpu.time", byStep, [run]);
        var svg = SvgChart.Render(curves, [run]);

        Assert.True(curves.ByTime);
        Assert.Equal([new ChartPoint(0, 0.5), new ChartPoint(10, 1.0), new ChartPoint(20, 1.5)], curves.ByRun["run-a"]);
        Assert.Contains(">seconds since the run started</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_MetricLoggedBySteps_DrawnAgainstStep()
    {
        var run = new RunDetail(Run("run-a", "a"));
        var byStep = new Dictionary<string, IReadOnlyList<DownsampledPoint>>(StringComparer.Ordinal)
        {
            ["run-a"] = [new(1, 0.9, 0.9, 0.9, At, 1), new(2, double.NaN, double.NaN, double.NaN, At, 1)],
        };

        var curves = ReportDataGatherer.Curves("loss", byStep, [run]);

        Assert.False(curves.ByTime);
        Assert.Equal([1.0, 2.0], curves.ByRun["run-a"].Select(p => p.X));
        Assert.True(double.IsNaN(curves.ByRun["run-a"][1].Value));
    }

    [Fact]
    public void Curves_MetricSteppedByUnixSecond_DrawnFromEachRunsStart()
    {
        // System metrics arrive stepped by the unix second: two runs an hour apart overlay from their own starts.
        var first = new RunDetail(Run("run-a", "a"));
        var second = new RunDetail(Run("run-b", "b") with { StartTime = At.AddHours(1) });
        var byStep = new Dictionary<string, IReadOnlyList<DownsampledPoint>>(StringComparer.Ordinal)
        {
            ["run-a"] = [Clock(At.AddSeconds(5), 100), Clock(At.AddSeconds(15), 120)],
            ["run-b"] = [Clock(At.AddHours(1).AddSeconds(5), 80)],
        };

        var curves = ReportDataGatherer.Curves("process.memory.usage", byStep, [first, second]);

        Assert.True(curves.ByTime);
        Assert.Equal([5.0, 15.0], curves.ByRun["run-a"].Select(p => p.X));
        Assert.Equal([5.0], curves.ByRun["run-b"].Select(p => p.X));

        static DownsampledPoint Clock(DateTimeOffset at, double value) => new(at.ToUnixTimeSeconds(), value, value, value, at, 1);
    }

    [Fact]
    public void Render_EightDigitValues_LeftMarginHoldsTheLongestTickLabel()
    {
        var curves = new MetricCurves("process.memory.usage", new Dictionary<string, IReadOnlyList<ChartPoint>> { ["run-a"] = [Point(1, 0), Point(2, 80_000_000)] });

        var ticks = Texts(SvgChart.Render(curves, [Run("run-a", "a")]), "tick").Where(t => t.Attribute("text-anchor")?.Value == "end").ToList();

        Assert.Contains("80000000", ticks.Select(t => t.Value));
        // Right-aligned at x: the label starts at x minus its width (digits of 12 px system-ui are 7 to 7.5 px wide).
        Assert.All(ticks, t => Assert.True(double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture) - (t.Value.Length * 7.5) >= 0, t.ToString()));
    }

    [Fact]
    public void Render_TenDigitSteps_XTickLabelsApartAndInsideTheChart()
    {
        var curves = new MetricCurves("loss", new Dictionary<string, IReadOnlyList<ChartPoint>> { ["run-a"] = [Point(1_796_579_382, 1), Point(1_796_579_400, 2)] });

        var ticks = Texts(SvgChart.Render(curves, [Run("run-a", "a")]), "tick").Where(t => t.Attribute("text-anchor")?.Value == "middle")
            .Select(t => (X: double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture), Half: t.Value.Length * 7 / 2.0)).ToList();

        Assert.True(ticks.Count >= 2);
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.True(pair.First.X + pair.First.Half < pair.Second.X - pair.Second.Half, pair.ToString()));
        Assert.All(ticks, t => Assert.True(t.X - t.Half >= 0 && t.X + t.Half <= 500, t.ToString()));
    }

    [Fact]
    public void Render_OnePointPerRun_AMarkerPerRun()
    {
        var curves = new MetricCurves("final_loss", new Dictionary<string, IReadOnlyList<ChartPoint>>
        {
            ["run-a"] = [Point(0, 0.5)],
            ["run-b"] = [Point(0, 0.4), Point(1, double.NaN), Point(2, 0.3), Point(3, 0.2)],
        });

        var markers = XElement.Parse(SvgChart.Render(curves, [Run("run-a", "a"), Run("run-b", "b")])).Descendants()
            .Where(e => e.Name.LocalName == "circle" && e.Attribute("class")?.Value == "marker").ToList();

        Assert.Equal(["run-a", "run-b"], markers.Select(m => m.Attribute("data-run")!.Value));
        Assert.Equal([RunStyle.All[0].Colour, RunStyle.All[1].Colour], markers.Select(m => m.Attribute("fill")!.Value));
    }

    [Fact]
    public void Render_NameWithABidiOverride_IsolatedInTheLegend()
    {
        var curves = new MetricCurves("loss", new Dictionary<string, IReadOnlyList<ChartPoint>> { ["run-a"] = [Point(1, 1), Point(2, 0.5)] });

        var legend = XElement.Parse(SvgChart.Render(curves, [Run("run-a", "\u202eevil")])).Descendants().Single(e => e.Attribute("class")?.Value == "legend");

        Assert.Equal("\u202eevil", legend.Elements().Single(e => e.Attribute("class")?.Value == "name").Value);
    }

    [Fact]
    public void Styles_FiveRuns_DifferInColourAndInDash()
    {
        Assert.Equal(5, RunStyle.MaxRuns);
        Assert.Equal(RunStyle.MaxRuns, RunStyle.All.Select(s => s.Colour).Distinct().Count());
        Assert.Equal(RunStyle.MaxRuns, RunStyle.All.Select(s => s.DashArray).Distinct().Count());
    }

    [Theory]
    [InlineData(0.1873, 0.9341, false, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(1, 8, true, new[] { 0, 2.0, 4, 6, 8 })]
    [InlineData(0, 3, true, new[] { 0, 1.0, 2, 3 })]
    [InlineData(5, 5, false, new[] { 4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6 })]
    public void AxisTicks_Range_RoundTicksThatCoverIt(double min, double max, bool integers, double[] expected)
    {
        var ticks = AxisTicks.For(min, max, integers);

        Assert.Equal(expected, ticks.Values);
        Assert.True(ticks.Min <= min && ticks.Max >= max);
    }

    private static IEnumerable<XElement> Paths(string svg) =>
        XElement.Parse(svg).Descendants().Where(e => e.Name.LocalName == "path" && e.Attribute("class")?.Value == "series");

    private static IEnumerable<XElement> Texts(string svg, string cssClass) =>
        XElement.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text" && e.Attribute("class")?.Value == cssClass);

    private static ChartPoint Point(double step, double value) => new(step, value);

    private static RunSummary Run(string id, string name) => new() { Id = id, Experiment = "e", Name = name, Status = "FINISHED", StartTime = At };

    [GeneratedRegex("[A-Za-z]{2,}|∞")]
    private static partial Regex NonNumeric();
}
