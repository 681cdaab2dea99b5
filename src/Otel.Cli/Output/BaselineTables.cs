using System.Globalization;
using Otel.Tracking;
using Otel.Tracking.Query.Registry;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human rendering of a baseline: one row per feature or output.</summary>
internal static class BaselineTables
{
    private const int CategoriesShown = 3;

    public static void Baseline(IAnsiConsole console, ModelBaseline baseline)
    {
        console.MarkupLine($"[bold]{ConsoleText.Escape(baseline.Name)}[/] version {baseline.Version}, baseline from run {ConsoleText.Escape(baseline.RunId)}");
        var table = Tables.New();
        table.AddColumns("feature", "kind", "type", "bins", "count", "edges / top categories");
        foreach (var distribution in baseline.Distributions)
        {
            table.AddRow(ConsoleText.Escape(distribution.Name), distribution.Kind, distribution.Type,
                distribution.Counts.Count.ToString(CultureInfo.InvariantCulture), distribution.Counts.Sum().ToString(CultureInfo.InvariantCulture),
                ConsoleText.Escape(Detail(distribution)));
        }

        console.Write(table);
    }

    private static string Detail(BaselineDistribution distribution)
    {
        if (distribution.Type == MlSemanticConventions.BaselineTypes.Numeric)
        {
            return distribution.Bounds.Count == 0 ? "" : $"{Format.Number(distribution.Bounds[0])} … {Format.Number(distribution.Bounds[^1])}";
        }

        var shown = distribution.Categories.Take(CategoriesShown).ToList();
        var more = distribution.Categories.Count - shown.Count;
        return string.Join(", ", shown) + (more > 0 ? $", +{more} more" : "") + $" (other {distribution.Counts[^1].ToString(CultureInfo.InvariantCulture)})";
    }
}
