using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track stats [--experiment NAME] [--tolerance T] [--json]</c>: duplicate fraction and reproducibility rate.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only this experiment" };
        var tolerance = new Option<double?>("--tolerance") { Description = "Relative metric tolerance for a reproduction to count (default 1e-6)" };
        return ReadCommand.Create("stats", "CI duplicate fraction and reproducibility rate", [experiment, tolerance],
            (client, parse, ct) => client.StatsJsonAsync(parse.GetValue(experiment), parse.GetValue(tolerance), ct),
            (console, json) => DiffTables.Stats(console, TrackingApiClient.Read<RunStats>(json)));
    }
}
