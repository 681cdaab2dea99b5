using System.Globalization;
using Otel.Cli.Client;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// <c>runs show</c>'s curves: per metric key one line with its name, a sparkline as wide as the terminal leaves,
/// and latest, min, max, the step range and how many NaN/Inf points it holds (drawn as gaps). Piped, the same line
/// is plain text.
/// </summary>
internal static partial class MetricCurves
{
    /// <summary>Curves drawn at most; the keys left out are named.</summary>
    public const int MaxCurves = 12;

    /// <summary>Below this, a curve goes on its own line under its key and numbers.</summary>
    private const int MinCurveWidth = 10;

    private const int MaxKeyWidth = 28;

    /// <summary>The width curves are fitted to when output is not a terminal and <c>COLUMNS</c> is not set.</summary>
    public const int PlainWidth = 80;

    /// <summary>Fetches each drawn key's history at the width its curve gets (one request per key), then draws them.</summary>
    public static Task WriteAsync(IAnsiConsole console, TrackingApiClient client, RunDetail run, CancellationToken ct) =>
        WriteAsync(console, client, run, Width(console, Environment.GetEnvironmentVariable), ct);

    /// <summary>
    /// The terminal's width; piped, <c>COLUMNS</c> or <see cref="PlainWidth"/>: plain output has no width limit, and a curve as wide
    /// as that would be 65,536 characters and ask for as many points.
    /// </summary>
    internal static int Width(IAnsiConsole console, Func<string, string?> environment) =>
        CliConsole.IsPlain(console) ? CliConsole.Columns(environment("COLUMNS")) ?? PlainWidth : console.Profile.Width;

    private static async Task WriteAsync(IAnsiConsole console, TrackingApiClient client, RunDetail run, int width, CancellationToken ct)
    {
        var keys = run.MetricSummaries.Keys.Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var drawn = keys.Take(MaxCurves).ToList();
        var stats = Stats(drawn.Select(key => StatsOf(run, key)).ToList());
        var layout = Layout(width, drawn, stats);
        var curves = new List<MetricCurve>(drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            var history = await RunCurvesClient.HistoryAsync(client, run.Id, drawn[i], layout.CurveWidth, ct);
            curves.Add(new MetricCurve(drawn[i], stats[i], history.Select(p => p.Value).ToList()));
        }

        console.MarkupLine("[bold]curves[/] [grey](by step, left to right)[/]");
        // Written as they are: lines sized to the width need no wrapping, and one that is wider (a very narrow
        // terminal) must not be broken inside a number when piped.
        var output = console.Profile.Out.Writer;
        foreach (var line in Lines(layout, curves))
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync(ct);

        if (keys.Count > drawn.Count)
        {
            console.MarkupLine($"[grey]{keys.Count - drawn.Count} more metric(s) not drawn: {ConsoleText.Escape(string.Join(", ", keys.Skip(MaxCurves)))} (`--json` has them all)[/]");
        }
    }

    /// <summary>How wide the key column and each curve are, and whether a curve gets its own line.</summary>
    internal static CurveLayout Layout(int width, IReadOnlyList<string> keys, IReadOnlyList<string> stats)
    {
        var keyWidth = Math.Min(MaxKeyWidth, keys.Max(k => ConsoleText.Inert(k).Length));
        var statsWidth = stats.Max(s => s.Length);
        var inline = width - keyWidth - statsWidth - 4;
        return inline >= MinCurveWidth
            ? new CurveLayout(width, keyWidth, inline, OwnLine: false)
            : new CurveLayout(width, keyWidth, Math.Max(MinCurveWidth, width - 2), OwnLine: true);
    }

    /// <summary>The lines to print: key, curve, numbers (or the curve on a line of its own when narrow).</summary>
    internal static IEnumerable<string> Lines(CurveLayout layout, IReadOnlyList<MetricCurve> curves)
    {
        foreach (var curve in curves)
        {
            var inert = ConsoleText.Inert(curve.Key);
            var key = inert.Length > layout.KeyWidth ? inert[..(layout.KeyWidth - 1)] + "…" : inert.PadRight(layout.KeyWidth);
            var line = Sparkline.Render(curve.Values).PadRight(layout.CurveWidth);
            if (layout.OwnLine)
            {
                foreach (var numbers in KeyAndStats(layout, key.TrimEnd(), curve.Stats))
                {
                    yield return numbers;
                }

                yield return "  " + line.TrimEnd();
            }
            else
            {
                yield return (key + "  " + line + "  " + curve.Stats).TrimEnd();
            }
        }
    }

    /// <summary>
    /// Key and numbers on one line when they fit the width; else the key (cut to the width) alone, then the numbers
    /// indented, as many fields a line as fit: a line breaks between two fields, never inside a number.
    /// </summary>
    private static IEnumerable<string> KeyAndStats(CurveLayout layout, string key, string stats)
    {
        var together = (key + "  " + stats).TrimEnd();
        if (PlainText.Width(together) <= layout.Width)
        {
            yield return together;
            yield break;
        }

        yield return key.Length > layout.Width ? key[..(layout.Width - 1)] + "…" : key;
        var line = string.Empty;
        foreach (var field in FieldSeparator().Split(stats.Trim()))
        {
            if (line.Length > 0 && PlainText.Width(line + "  " + field) > layout.Width)
            {
                yield return line;
                line = string.Empty;
            }

            line = line.Length == 0 ? "  " + field : line + "  " + field;
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    /// <summary>Two spaces or more part the fields of <see cref="Stats"/>; one space stays inside a field ("latest 0.1").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(" {2,}")]
    private static partial System.Text.RegularExpressions.Regex FieldSeparator();

    /// <summary>Each row's fields padded to the widest of their column, so the numbers line up.</summary>
    internal static List<string> Stats(IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows.Max(r => r.Length)).Select(i => rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((field, i) => field.PadRight(widths[i]))).TrimEnd()).ToList();
    }

    /// <summary>
    /// latest, min, max, steps and NaN/Inf, from the run's detail. Its history holds every point of a key up to
    /// 10,000 (beyond, buckets: a bucket whose value is NaN/Inf holds at least one such point, hence "≥").
    /// </summary>
    private static string[] StatsOf(RunDetail run, string key)
    {
        var summary = run.MetricSummaries[key];
        var history = run.History.GetValueOrDefault(key) ?? [];
        var first = history.Count > 0 ? history[0].Step : summary.LastStep;
        var nonFinite = history.Count(p => !double.IsFinite(p.Value));
        var gaps = nonFinite == 0 ? string.Empty
            : (run.DownsampledHistory.Contains(key) ? "≥" : string.Empty) + nonFinite.ToString(CultureInfo.InvariantCulture) + " NaN/Inf";
        return
        [
            "latest " + Format.Number(summary.Latest), "min " + Format.Number(summary.Min), "max " + Format.Number(summary.Max),
            first == summary.LastStep ? "step " + first.ToString(CultureInfo.InvariantCulture)
                : "steps " + first.ToString(CultureInfo.InvariantCulture) + "–" + summary.LastStep.ToString(CultureInfo.InvariantCulture),
            gaps,
        ];
    }
}

/// <summary>The terminal's width, key column width, curve width (the history request's maxPoints), and whether curves get their own line.</summary>
internal sealed record CurveLayout(int Width, int KeyWidth, int CurveWidth, bool OwnLine);

/// <summary>One metric to draw: its key, its numbers, and its downsampled values in step order.</summary>
internal sealed record MetricCurve(string Key, string Stats, IReadOnlyList<double> Values);
