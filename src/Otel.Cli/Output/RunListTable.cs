using System.Globalization;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// The <c>runs list</c> table: one line per run. On a terminal it fits the width: the least relevant metric and param columns go
/// first, then long column names are abbreviated (spelled out in a footnote), then long experiment and run names are shortened in the
/// middle. Plain output keeps every proposed column, whole.
/// </summary>
internal static class RunListTable
{
    /// <summary>Experiment and run names are not shortened below this width.</summary>
    private const int MinimumNameWidth = 12;

    public static void Write(IAnsiConsole console, IReadOnlyList<RunSummary> runs, RunListLayout layout)
    {
        var plain = CliConsole.IsPlain(console);
        IReadOnlyList<(RunSummary Run, string Prefix)> rows = layout.Tree ? RunListTree.Order(runs, plain) : [.. runs.Select(r => (r, string.Empty))];
        var ids = IdPrefixes.Of(runs.Select(r => r.Id));
        var experiments = runs.Select(r => r.Experiment).Distinct(StringComparer.Ordinal).ToList();
        // On a terminal, the one experiment of every run is named once, above the table, rather than on every line.
        var experimentTitle = !plain && experiments.Count == 1 ? experiments[0] : null;
        var withCost = runs.Any(r => r.Cost is not null);

        var candidates = Candidates(runs, layout, out var required);
        var fixedWidths = new List<int>
        {
            ColumnWidth("id", rows.Select(r => ConsoleText.Inert(ids.Shorten(r.Run.Id)))),
            ColumnWidth("status", rows.Select(r => Markup.Remove(Status(r.Run)))),
        };
        if (withCost)
        {
            fixedWidths.Add(ColumnWidth("cost", rows.Select(r => Markup.Remove(CostText.Short(r.Run.Cost)))));
        }

        var startedWidth = ColumnWidth("started", rows.Select(r => Started(r.Run, plain)));
        var nameWidth = ColumnWidth("name", rows.Select(r => r.Prefix + ConsoleText.Inert(r.Run.Name)));
        var experimentWidth = experimentTitle is null ? ColumnWidth("experiment", rows.Select(r => ConsoleText.Inert(r.Run.Experiment))) : 0;
        var maxWidth = console.Profile.Width;
        var choice = TableFit.Choose(
            [.. fixedWidths, startedWidth, .. Names()],
            [.. candidates.Select(c => new TableFit.Optional(c.Header, c.Cells.Select(PlainText.Width).DefaultIfEmpty(0).Max()))],
            maxWidth,
            minimumCount: Math.Max(required, candidates.Count > 0 ? 1 : 0));
        var shown = candidates.Take(choice.Count).Select((c, i) => c with { Header = choice.Headers[i] }).ToList();

        // Still too wide: without the start time, and then with the longer of the experiment and run names shortened in the middle.
        var shownWidths = shown.Select(c => Math.Max(PlainText.Width(c.Header), c.Cells.Select(PlainText.Width).DefaultIfEmpty(0).Max())).ToList();
        var withStarted = TableFit.Width([.. fixedWidths, startedWidth, .. Names(), .. shownWidths]) <= maxWidth;
        var width = TableFit.Width([.. fixedWidths, .. withStarted ? [startedWidth] : Array.Empty<int>(), .. Names(), .. shownWidths]);
        while (width > maxWidth && (nameWidth > MinimumNameWidth || experimentWidth > MinimumNameWidth))
        {
            if (nameWidth >= experimentWidth)
            {
                nameWidth--;
            }
            else
            {
                experimentWidth--;
            }

            width--;
        }

        var table = Tables.New("id");
        if (experimentTitle is not null)
        {
            table.Title("[bold]experiment[/] " + ConsoleText.Escape(experimentTitle));
        }
        else
        {
            table.AddColumn("experiment");
        }

        table.AddColumns("name", "status");
        if (withStarted)
        {
            table.AddColumn("started");
        }

        var displayed = shown.Where(c => c.IsMetric).Concat(shown.Where(c => !c.IsMetric && !c.IsTag)).Concat(shown.Where(c => c.IsTag)).ToList();
        foreach (var column in displayed)
        {
            table.AddColumn(new TableColumn(ConsoleText.Escape(column.Header)) { Alignment = column.RightAligned ? Justify.Right : Justify.Left, NoWrap = true });
        }

        if (withCost)
        {
            table.AddColumn(new TableColumn("cost").RightAligned());
        }

        for (var row = 0; row < rows.Count; row++)
        {
            var (run, prefix) = rows[row];
            var cells = new List<string> { ConsoleText.Escape(ids.Shorten(run.Id)) };
            if (experimentTitle is null)
            {
                cells.Add(ConsoleText.Escape(HeaderAbbreviation.Elide(ConsoleText.Inert(run.Experiment), experimentWidth)));
            }

            cells.Add(ConsoleText.Escape(prefix + HeaderAbbreviation.Elide(ConsoleText.Inert(run.Name), Math.Max(1, nameWidth - PlainText.Width(prefix)))));
            cells.Add(Status(run));
            if (withStarted)
            {
                cells.Add(Started(run, plain));
            }

            cells.AddRange(displayed.Select(c => ConsoleText.Escape(c.Cells[row])));
            if (withCost)
            {
                cells.Add(CostText.Short(run.Cost));
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
        var abbreviations = shown.Select((c, i) => (Short: c.Header, Full: candidates[i].Header)).Where(a => a.Short != a.Full).ToList();
        if (abbreviations.Count > 0)
        {
            console.MarkupLine("[grey]" + ConsoleText.Escape(string.Join("   ", abbreviations.Select(a => $"{a.Short} = {a.Full}"))) + "[/]");
        }

        int[] Names() => experimentTitle is null ? [nameWidth, experimentWidth] : [nameWidth];

        // Cells are built in the rows' order (a tree reorders runs), so candidates' cells follow the same order.
        IReadOnlyList<Candidate> Candidates(IReadOnlyList<RunSummary> all, RunListLayout chosen, out int requiredCount)
        {
            var metrics = chosen.Metrics ?? RunListColumns.Metrics(all);
            var parameters = chosen.Params ?? RunListColumns.DifferingParams(all);
            var tags = chosen.Tags ?? [];
            requiredCount = (chosen.Metrics?.Count ?? 0) + (chosen.Params?.Count ?? 0) + tags.Count;
            var metricColumns = metrics.Select(k => new Candidate(ConsoleText.Inert(k), true, true,
                [.. rows.Select(r => r.Run.Metrics.TryGetValue(k, out var v) ? Format.Number(v) : "-")])).ToList();
            var paramColumns = parameters.Select(k => new Candidate(ConsoleText.Inert(metrics.Contains(k) ? "params." + k : k), false,
                rows.All(r => !r.Run.Params.TryGetValue(k, out var v) || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
                [.. rows.Select(r => ConsoleText.Inert(r.Run.Params.GetValueOrDefault(k) ?? "-"))])).ToList();
            var tagColumns = tags.Select(k => new Candidate(ConsoleText.Inert("tags." + k), false, false,
                [.. rows.Select(r => ConsoleText.Inert(r.Run.Tags.GetValueOrDefault(k) ?? "-"))], IsTag: true));
            // Tags are shown only when asked for, so they come with the columns asked for, first.
            return [.. tagColumns, .. Relevance(metricColumns, chosen.Metrics is not null, paramColumns, chosen.Params is not null)];
        }
    }

    /// <summary>
    /// Most relevant first: columns asked for with --columns, then the top two metrics, then params and metrics in turn (the params
    /// that differ are what tells a sweep's runs apart).
    /// </summary>
    private static List<Candidate> Relevance(List<Candidate> metrics, bool metricsAsked, List<Candidate> parameters, bool paramsAsked)
    {
        var ordered = new List<Candidate>();
        if (metricsAsked)
        {
            ordered.AddRange(metrics);
            metrics = [];
        }

        if (paramsAsked)
        {
            ordered.AddRange(parameters);
            parameters = [];
        }

        ordered.AddRange(metrics.Take(2));
        var restMetrics = metrics.Skip(2).ToList();
        for (var i = 0; i < Math.Max(restMetrics.Count, parameters.Count); i++)
        {
            ordered.AddRange(parameters.Skip(i).Take(1));
            ordered.AddRange(restMetrics.Skip(i).Take(1));
        }

        return ordered;
    }

    private static string Status(RunSummary run) =>
        Format.Status(run.Status) + (run.State == RunLifecycleStates.Active ? string.Empty : $" [grey]({run.State})[/]") + (run.Held ? " [yellow]held[/]" : string.Empty);

    // Plain output keeps the second; on a terminal it would only cost width.
    private static string Started(RunSummary run, bool plain) => plain ? Format.Time(run.StartTime) : Format.Minute(run.StartTime);

    private static int ColumnWidth(string header, IEnumerable<string> values) => values.Select(PlainText.Width).Append(PlainText.Width(header)).Max();

    private sealed record Candidate(string Header, bool IsMetric, bool RightAligned, IReadOnlyList<string> Cells, bool IsTag = false);
}
