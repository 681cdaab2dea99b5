using System.Text;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Report;

/// <summary>
/// One metric's curves, one per run, overlaid in an inline SVG: value against step (or time), axes with round ticks, and a
/// legend naming each run in its colour and dash pattern. A NaN or infinite value is a gap in its curve, not a zero.
/// </summary>
internal static class SvgChart
{
    // Two charts side by side fit the report's 1100 px column.
    private const double Width = 500;
    private const double PlotHeight = 260;
    private const double MinLeft = 40;
    private const double MinRight = 16;

    /// <summary>
    /// The width of one character of a tick label (12 px system-ui digits are about 7 px wide; a little more, so that no
    /// font clips): margins and tick counts are measured with it, so 80000000 is never cut to 0000000.
    /// </summary>
    private const double CharWidth = 7.5;

    /// <summary>Space kept between two x tick labels.</summary>
    private const double LabelGap = 12;

    /// <summary>The radius of the dot that marks a point standing alone (a run with one point, or one between gaps).</summary>
    private const double MarkerRadius = 3.5;
    private const double Top = 12;
    private const double AxisBand = 36;
    private const double LegendRow = 20;

    /// <summary>Longer run names are cut in the legend (the whole name is its tooltip), so they stay inside the chart.</summary>
    private const int LegendNameLength = 32;

    /// <param name="curves">The metric's history per run id.</param>
    /// <param name="runs">Every run of the report, in order: a run's index picks its <see cref="RunStyle"/> in every chart alike.</param>
    public static string Render(MetricCurves curves, IReadOnlyList<RunSummary> runs)
    {
        var drawn = runs.Select((run, index) => (Run: run, Style: RunStyle.All[index])).Where(r => curves.ByRun.ContainsKey(r.Run.Id)).ToList();
        var points = curves.ByRun.Values.SelectMany(p => p).ToList();
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        var y = AxisTicks.For(finite.Count == 0 ? 0 : finite.Min(p => p.Value), finite.Count == 0 ? 0 : finite.Max(p => p.Value));
        var left = Math.Max(MinLeft, LabelWidth(y.Values) + 10);
        var x = XTicks(points.Count == 0 ? 0 : points.Min(p => p.X), points.Count == 0 ? 0 : points.Max(p => p.X), !curves.ByTime, Width - left - MinRight);
        var plotRight = Width - Math.Max(MinRight, (LabelWidth([x.Values[^1]]) / 2) + 2);
        var plotBottom = Top + PlotHeight;
        double X(double at) => left + ((at - x.Min) / (x.Max - x.Min) * (plotRight - left));
        double Y(double value) => plotBottom - ((value - y.Min) / (y.Max - y.Min) * PlotHeight);

        var height = plotBottom + AxisBand + (drawn.Count * LegendRow) + 8;
        var svg = new StringBuilder();
        svg.Append($"""<svg class="chart" data-metric="{Html.Text(curves.Key)}" xmlns="http://www.w3.org/2000/svg" width="{Html.Coordinate(Width)}" height="{Html.Coordinate(height)}" viewBox="0 0 {Html.Coordinate(Width)} {Html.Coordinate(height)}" role="img">""");
        svg.Append($"<title>{Html.Text(curves.Key)} by {curves.XLabel}</title>");

        foreach (var tick in y.Values)
        {
            var ty = Html.Coordinate(Y(tick));
            svg.Append($"""<line class="grid" x1="{Html.Coordinate(left)}" x2="{Html.Coordinate(plotRight)}" y1="{ty}" y2="{ty}"/>""");
            svg.Append($"""<text class="tick" x="{Html.Coordinate(left - 6)}" y="{ty}" text-anchor="end" dominant-baseline="middle">{Html.Text(Format.Number(tick))}</text>""");
        }

        foreach (var tick in x.Values)
        {
            var tx = Html.Coordinate(X(tick));
            svg.Append($"""<line class="axis" x1="{tx}" x2="{tx}" y1="{Html.Coordinate(plotBottom)}" y2="{Html.Coordinate(plotBottom + 5)}"/>""");
            svg.Append($"""<text class="tick" x="{tx}" y="{Html.Coordinate(plotBottom + 18)}" text-anchor="middle">{Html.Text(Format.Number(tick))}</text>""");
        }

        svg.Append($"""<path class="axis" d="M{Html.Coordinate(left)},{Html.Coordinate(Top)} V{Html.Coordinate(plotBottom)} H{Html.Coordinate(plotRight)}"/>""");
        svg.Append($"""<text class="label" x="{Html.Coordinate((left + plotRight) / 2)}" y="{Html.Coordinate(plotBottom + 32)}" text-anchor="middle">{curves.XLabel}</text>""");

        foreach (var (run, style) in drawn)
        {
            svg.Append($"""<path class="series" data-run="{Html.Text(run.Id)}" fill="none" stroke="{style.Colour}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" stroke-dasharray="{style.DashArray}" d="{Path(curves.ByRun[run.Id], X, Y)}"/>""");
            foreach (var lone in LonePoints(curves.ByRun[run.Id]))
            {
                svg.Append($"""<circle class="marker" data-run="{Html.Text(run.Id)}" cx="{Html.Coordinate(X(lone.X))}" cy="{Html.Coordinate(Y(lone.Value))}" r="{Html.Coordinate(MarkerRadius)}" fill="{style.Colour}"/>""");
            }
        }

        for (var i = 0; i < drawn.Count; i++)
        {
            var (run, style) = drawn[i];
            var ly = Html.Coordinate(plotBottom + AxisBand + (i * LegendRow) + 10);
            svg.Append($"""<g class="legend-entry" data-run="{Html.Text(run.Id)}"><title>{Html.Text(run.Name)}</title>""");
            svg.Append($"""<line x1="{Html.Coordinate(left)}" x2="{Html.Coordinate(left + 36)}" y1="{ly}" y2="{ly}" stroke="{style.Colour}" stroke-width="2.5" stroke-dasharray="{style.DashArray}"/>""");
            var name = run.Name.Length > LegendNameLength ? run.Name[..(LegendNameLength - 1)] + "…" : run.Name;
            svg.Append($"""<text class="legend" x="{Html.Coordinate(left + 44)}" y="{ly}" dominant-baseline="middle"><tspan class="name">{Html.Text(name)}</tspan> ({Html.Text(IdPrefixes.Alone(run.Id))}, {style.DashName})</text>""");
            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Ticks for the x axis, fewer when their labels would not fit side by side in <paramref name="plotWidth"/>.</summary>
    private static AxisTicks XTicks(double min, double max, bool integers, double plotWidth)
    {
        var ticks = AxisTicks.For(min, max, integers);
        for (var wanted = 4; wanted >= 1 && ticks.Values.Count * (LabelWidth(ticks.Values) + LabelGap) > plotWidth; wanted--)
        {
            ticks = AxisTicks.For(min, max, integers, wanted);
        }

        return ticks;
    }

    /// <summary>The width of the longest of these tick labels.</summary>
    private static double LabelWidth(IEnumerable<double> ticks) => ticks.Select(t => Format.Number(t).Length).DefaultIfEmpty(1).Max() * CharWidth;

    /// <summary>The finite points with no finite neighbour: a path draws them as nothing visible, so they get a marker.</summary>
    private static IEnumerable<ChartPoint> LonePoints(IReadOnlyList<ChartPoint> points) =>
        points.Where((p, i) => double.IsFinite(p.Value)
            && (i == 0 || !double.IsFinite(points[i - 1].Value))
            && (i == points.Count - 1 || !double.IsFinite(points[i + 1].Value)));

    /// <summary>
    /// The path of one curve: a new subpath after each non-finite value (the gap), and a zero-length segment for a point
    /// standing alone, which the round line cap draws as a dot.
    /// </summary>
    private static string Path(IReadOnlyList<ChartPoint> points, Func<double, double> x, Func<double, double> y)
    {
        var d = new StringBuilder();
        var inSegment = false;
        var segmentLength = 0;
        foreach (var point in points)
        {
            if (!double.IsFinite(point.Value))
            {
                CloseLonePoint(d, segmentLength);
                (inSegment, segmentLength) = (false, 0);
                continue;
            }

            d.Append(inSegment ? " L" : " M").Append(Html.Coordinate(x(point.X))).Append(',').Append(Html.Coordinate(y(point.Value)));
            (inSegment, segmentLength) = (true, segmentLength + 1);
        }

        CloseLonePoint(d, segmentLength);
        return d.ToString().TrimStart();
    }

    private static void CloseLonePoint(StringBuilder d, int segmentLength)
    {
        if (segmentLength == 1)
        {
            d.Append(" l0,0");
        }
    }
}
