using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs compare ID ID [ID…] [--json]</c>: runs side by side, with the params that differ.</summary>
internal static class RunsCompareCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ID") { Description = "Two or more run ids", Arity = new ArgumentArity(2, 100) };
        return ReadCommand.Create("compare", "Compare runs side by side", [ids],
            async (client, parse, ct) => await client.CompareJsonAsync(await client.ResolveRunIdsAsync(parse.GetRequiredValue(ids), ct), ct),
            (console, json) => RunTables.Compare(console, TrackingApiClient.Read<RunComparison>(json)));
    }
}
