using System.Globalization;
using Otel.Cli.Watching;
using Otel.Tracking.Query;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>
/// What <c>runs watch</c> shows: on a terminal a live view (status, progress bar with rate and ETA, a line per
/// metric with its sparkline); piped, plain lines; at the end, the final status and every metric's last line.
/// </summary>
internal static class WatchView
{
    /// <summary>Metrics shown at most, in key order; the rest are counted.</summary>
    public const int MaxMetrics = 12;

    /// <summary>The width of a live sparkline (the history fetched per key is this many buckets).</summary>
    public const int CurveWidth = 24;

    private const int BarWidth = 30;

    /// <summary>The live view of one poll, sized to <paramref name="width"/> columns.</summary>
    public static IRenderable Live(WatchState state, int width)
    {
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]run[/] {ConsoleText.Escape(state.Progress.Id)}  {Format.Status(state.Progress.Status)}  [grey]elapsed {Format.Duration(state.Elapsed.TotalSeconds)}[/]"),
            new Text(Progress(state, Math.Min(BarWidth, Math.Max(10, width / 4)))),
        };
        var withCurves = width >= 80;
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned()).AddColumn(new GridColumn().RightAligned()).AddColumn(new GridColumn().RightAligned());
        if (withCurves)
        {
            grid.AddColumn();
        }

        grid.AddRow(Header(withCurves));
        foreach (var (key, metric) in Shown(state))
        {
            string[] cells = [ConsoleText.Escape(key), Format.Number(metric.Latest), Step(metric.LastStep), Step(metric.Points)];
            grid.AddRow(withCurves ? [.. cells, "[blue]" + Sparkline.Render(state.Curves.GetValueOrDefault(key) ?? []) + "[/]"] : cells);
        }

        rows.Add(grid);
        if (state.Unreachable is { } reason)
        {
            rows.Add(new Markup($"[yellow]{ConsoleText.Escape(Reconnecting(reason))}[/]"));
        }

        if (state.Progress.Metrics.Count > MaxMetrics)
        {
            rows.Add(new Markup($"[grey]{state.Progress.Metrics.Count - MaxMetrics} more metric(s) not shown[/]"));
        }

        return new Rows(rows);
    }

    /// <summary>
    /// Piped: the progress line and a line per metric whose latest point differs from <paramref name="printed"/>
    /// (what was last printed per key, updated here).
    /// </summary>
    public static IEnumerable<string> Changes(WatchState state, Dictionary<string, MetricProgress> printed)
    {
        var changed = Shown(state).Where(m => !printed.TryGetValue(m.Key, out var last) || last != m.Value).ToList();
        if (changed.Count == 0)
        {
            yield break;
        }

        yield return "progress: " + Progress(state, barWidth: 0);
        foreach (var (key, metric) in changed)
        {
            printed[key] = metric;
            yield return MetricLine(key, metric);
        }
    }

    /// <summary>How the run ended, then every shown metric's last line.</summary>
    public static IEnumerable<string> Final(WatchState state)
    {
        var message = state.Progress.StatusMessage is { } m ? ": " + ConsoleText.Inert(m) : string.Empty;
        yield return $"run {ConsoleText.Inert(state.Progress.Id)} ended {state.Progress.Status}{message} after {Format.Duration(state.Elapsed.TotalSeconds)}";
        foreach (var (key, metric) in Shown(state))
        {
            yield return MetricLine(key, metric) + $", min {Format.Number(metric.Min)}, max {Format.Number(metric.Max)}";
        }
    }

    /// <summary>What a watch says while the collector does not answer.</summary>
    public static string Reconnecting(string reason) =>
        $"the collector stopped answering ({reason}); retrying for up to {RunWatcher.ReconnectFor.TotalMinutes:0} min, the run goes on meanwhile";

    /// <summary>
    /// "42% 4200/10000 steps, 35.2 steps/s, ETA 2.7 min" (with a bar first when <paramref name="barWidth"/> &gt; 0), or
    /// "step 4200, 35.2 steps/s" when the run declared no total.
    /// </summary>
    internal static string Progress(WatchState state, int barWidth)
    {
        var parts = new List<string>();
        if (state.Progress.TotalSteps is { } total && state.Fraction is { } fraction)
        {
            var percent = (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
            parts.Add((barWidth > 0 ? ProgressBar.Render(fraction, barWidth) + " " : string.Empty) + percent + " " + Step(state.Done) + "/" + Step(total) + " steps");
        }
        else
        {
            // No total, or no metric within it: the most advanced step the run logged.
            var last = state.Progress.Metrics.Values.Where(m => m.Source == MetricProgress.EventSource).MaxBy(m => m.LastStep);
            parts.Add("step " + (last is not null ? Step(last.LastStep) : "-"));
        }

        if (state.StepsPerSecond is { } rate && !state.Ended)
        {
            parts.Add(rate.ToString(rate >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " steps/s");
        }

        if (state.SecondsLeft is { } left)
        {
            parts.Add("ETA " + Format.Duration(left));
        }

        return string.Join(", ", parts);
    }

    private static string MetricLine(string key, MetricProgress metric) =>
        $"{ConsoleText.Inert(key)}: {Format.Number(metric.Latest)} at step {Step(metric.LastStep)} ({Step(metric.Points)} points)";

    private static IEnumerable<KeyValuePair<string, MetricProgress>> Shown(WatchState state) =>
        state.Progress.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(MaxMetrics);

    private static string[] Header(bool withCurves) => withCurves
        ? ["[grey]metric[/]", "[grey]latest[/]", "[grey]step[/]", "[grey]points[/]", "[grey]curve[/]"]
        : ["[grey]metric[/]", "[grey]latest[/]", "[grey]step[/]", "[grey]points[/]"];

    private static string Step(long value) => value.ToString(CultureInfo.InvariantCulture);
}
