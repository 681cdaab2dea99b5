using Otel.Cli.Commands;
using Otel.Tracking.Query;

namespace Otel.Cli.Output;

/// <summary><c>runs list --csv</c>: id, experiment, name, status, start_time, end_time, then the metric, param and tag columns.</summary>
internal static class RunCsv
{
    /// <summary>
    /// One column per metric and param of the listed runs (sorted), or the ones <c>--columns</c> chose, with the tags it chose
    /// (none by default, so that the default columns stay what scripts read).
    /// </summary>
    public static ListOutputCommand.CsvTable Table(IReadOnlyList<RunSummary> runs, RunColumnSelection.Columns? columns)
    {
        var metrics = columns?.Metrics ?? runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var parameters = columns?.Params ?? runs.SelectMany(r => r.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tags = columns?.Tags ?? [];
        List<string> headers = ["id", "experiment", "name", "status", "start_time", "end_time", .. metrics.Select(k => "metrics." + k), .. parameters.Select(k => "params." + k), .. tags.Select(k => "tags." + k)];
        var rows = runs.Select(run => (IReadOnlyList<string?>)
        [
            run.Id, run.Experiment, run.Name, run.Status, CsvOutput.Time(run.StartTime), CsvOutput.Time(run.EndTime),
            .. metrics.Select(k => run.Metrics.TryGetValue(k, out var v) ? CsvOutput.Number(v) : null),
            .. parameters.Select(k => run.Params.GetValueOrDefault(k)),
            .. tags.Select(k => run.Tags.GetValueOrDefault(k)),
        ]);
        return new ListOutputCommand.CsvTable(headers, rows);
    }
}
