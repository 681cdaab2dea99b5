using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs diff A B [--all] [--json]</c>: code, environment, data, config and metrics that differ.</summary>
internal static class RunsDiffCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "First run id" };
        var b = new Argument<string>("B") { Description = "Second run id" };
        var all = new Option<bool>("--all") { Description = "Show every value, not only what differs" };
        return ReadCommand.Create("diff", "What differs between two runs: code, environment, data, config, metrics", [a, b, all],
            async (client, parse, ct) => await client.DiffJsonAsync(
                await client.ResolveRunIdAsync(parse.GetRequiredValue(a), ct), await client.ResolveRunIdAsync(parse.GetRequiredValue(b), ct), parse.GetValue(all), ct),
            (console, json) => DiffTables.Show(console, TrackingApiClient.Read<RunDiff>(json)));
    }
}
