using System.Globalization;
using System.Text;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Report;

/// <summary>
/// The report as one HTML document that needs nothing else: styles inline, charts as inline SVG, no script, and a
/// content security policy that forbids every fetch, so the file shows the same offline, mailed or archived.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>Nothing may load but inline styles and data: images; no script runs at all.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    public static string Write(ReportData data)
    {
        var html = new StringBuilder();
        var names = string.Join(", ", data.Runs.Select(r => r.Name));
        html.Append("""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">""");
        html.Append($"""<meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">""");
        html.Append("""<meta name="viewport" content="width=device-width, initial-scale=1">""");
        // An empty icon, so a browser does not ask for /favicon.ico beside the file.
        html.Append("""<link rel="icon" href="data:,">""");
        html.Append($"<title>Runs report: {Html.Text(names)}</title><style>{ReportStyles.Css}</style></head><body>");
        html.Append($"<h1>Runs report: {string.Join(", ", data.Runs.Select(r => Html.Name(r.Name)))}</h1>");
        html.Append($"""<p class="meta">Generated {Html.Text(Format.Time(data.GeneratedAt))} by otel-track from {data.Runs.Count} run{(data.Runs.Count == 1 ? "" : "s")}. Curves show at most {ReportDataGatherer.PointsPerCurve} points per run (longer histories are downsampled); a gap in a curve is a NaN or infinite value.</p>""");

        RunsTable(html, data.Runs);
        Charts(html, data);
        Differences(html, data.Runs);
        RunDetailsHtml.Write(html, data.Runs);
        ModelVersionHtml.Write(html, data.ModelVersions, data.Runs);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>A column header naming a run: its name and the start of its id, since names need not be unique.</summary>
    public static string RunHeader(RunSummary run) => $"{run.Name} ({IdPrefixes.Alone(run.Id)})";

    private static void RunsTable(StringBuilder html, IReadOnlyList<RunDetail> runs)
    {
        html.Append("""<h2 id="runs">Runs</h2><table class="runs"><thead><tr><th>Line</th><th>Run</th><th>Id</th><th>Experiment</th><th>Status</th><th>Started</th><th>Duration</th><th>Parent</th><th>Completeness</th></tr></thead><tbody>""");
        for (var i = 0; i < runs.Count; i++)
        {
            var (run, style) = (runs[i], RunStyle.All[i]);
            html.Append($"""<tr data-run="{Html.Text(run.Id)}"><td><svg class="swatch" xmlns="http://www.w3.org/2000/svg" width="36" height="10" role="img"><title>{Html.Text(style.DashName)}</title><line x1="0" x2="36" y1="5" y2="5" stroke="{style.Colour}" stroke-width="2.5" stroke-dasharray="{style.DashArray}"/></svg></td>""");
            foreach (var cell in new[] { run.Name, run.Id, run.Experiment })
            {
                html.Append(Html.Cell(cell));
            }

            html.Append($"""<td class="status-{Html.Text(run.Status)}">{Html.Text(run.Status)}{(run.StatusMessage is null ? "" : ": " + Html.Text(run.StatusMessage))}</td>""");
            html.Append($"<td>{Html.Text(Format.Time(run.StartTime))}</td><td>{Html.Text(Format.Duration(run.StartTime, run.EndTime))}</td>");
            html.Append($"<td>{Html.Text(run.ParentId is null ? "-" : IdPrefixes.Alone(run.ParentId))}</td><td>{(run.Completeness is { } c ? c.ToString("P0", CultureInfo.InvariantCulture) : "-")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Charts(StringBuilder html, ReportData data)
    {
        html.Append("""<h2 id="metrics">Metrics</h2>""");
        if (data.Curves.Count == 0)
        {
            html.Append("<p>None of these runs logged a metric.</p>");
            return;
        }

        html.Append("""<div class="charts">""");
        foreach (var curves in data.Curves)
        {
            html.Append($"<figure><figcaption>{Html.Text(curves.Key)}</figcaption>{SvgChart.Render(curves, data.Runs)}</figure>");
        }

        html.Append("</div><h3>Latest values</h3>");
        HtmlTable.Write(html, "latest", ["Metric", .. data.Runs.Select(RunHeader)],
            data.Curves.Select(c => (IReadOnlyList<string?>)[c.Key, .. data.Runs.Select(r => r.Metrics.TryGetValue(c.Key, out var v) ? Format.Number(v) : null)]));
    }

    private static void Differences(StringBuilder html, IReadOnlyList<RunDetail> runs)
    {
        var tables = new[]
        {
            ValueTable.Of("Params", runs.Select(r => (IReadOnlyDictionary<string, string>)r.Params)),
            ValueTable.Of("Tags", runs.Select(r => (IReadOnlyDictionary<string, string>)r.Tags)),
            ValueTable.Of("Environment", runs.Select(r => (IReadOnlyDictionary<string, string>)r.Provenance)),
        };
        string[] headers = ["Key", .. runs.Select(RunHeader)];
        html.Append("""<h2 id="differences">What differs</h2>""");
        if (runs.Count == 1)
        {
            html.Append("<p>One run: nothing to compare. All its values are below.</p>");
        }
        else
        {
            foreach (var table in tables.Where(t => t.Title != "Tags"))
            {
                var differing = table.Differing;
                html.Append($"<h3>{Html.Text(table.Title)}: {differing.Count} of {table.Keys.Count} differ</h3>");
                if (differing.Count == 0)
                {
                    html.Append($"<p>Every {Html.Text(table.Title.ToLowerInvariant())} value is the same in all runs.</p>");
                    continue;
                }

                HtmlTable.Write(html, "differing " + table.Title.ToLowerInvariant(), headers, Rows(table, differing), _ => true);
            }
        }

        html.Append("<details><summary>All params, tags and environment</summary>");
        foreach (var table in tables)
        {
            var differing = table.Differing.ToHashSet(StringComparer.Ordinal);
            html.Append($"<h3>{Html.Text(table.Title)} ({table.Keys.Count})</h3>");
            HtmlTable.Write(html, "all " + table.Title.ToLowerInvariant(), headers, Rows(table, table.Keys), i => differing.Contains(table.Keys[i]));
        }

        html.Append("</details>");
    }

    private static IEnumerable<IReadOnlyList<string?>> Rows(ValueTable table, IReadOnlyList<string> keys) =>
        keys.Select(key => (IReadOnlyList<string?>)[key, .. Enumerable.Range(0, table.ByRun.Count).Select(run => table.ValueOf(run, key))]);
}
