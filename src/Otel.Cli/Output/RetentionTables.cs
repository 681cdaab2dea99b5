using System.Globalization;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human table of <c>retention show</c>: per experiment and kind of data, the days kept and what goes when.</summary>
internal static class RetentionTables
{
    public static void Show(IAnsiConsole console, IReadOnlyList<RetentionForecast> forecasts)
    {
        if (forecasts.Count == 0)
        {
            console.MarkupLine("[grey]No retention policy: everything is kept. Set one with `otel-track retention set EXPERIMENT --points-days N`.[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("experiment", "data", "kept", "due now", "in runs", "next due", "spared runs");
        foreach (var forecast in forecasts)
        {
            foreach (var (kind, due) in new[] { ("points", forecast.Points), ("raw rows", forecast.Raw), ("artifacts", forecast.Artifacts) })
            {
                table.AddRow(
                    ConsoleText.Escape(forecast.Policy.Experiment), kind,
                    due is null ? "for ever" : due.Days.ToString(CultureInfo.InvariantCulture) + " days",
                    due?.Due.ToString(CultureInfo.InvariantCulture) ?? "-",
                    due?.Runs.ToString(CultureInfo.InvariantCulture) ?? "-",
                    due is null ? "-" : Format.Time(due.NextDueAt),
                    forecast.ProtectedRuns.ToString(CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
        console.MarkupLine("[grey]Due rows go at the retention job's next pass (hourly); held and registered runs are never touched.[/]");
    }
}
