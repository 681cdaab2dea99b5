using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs compare ID ID [ID…] [--json]</c>: runs side by side, with the params that differ.</summary>
internal static class RunsCompareCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("ID") { Description = "Two or more run ids", Arity = new ArgumentArity(2, 100) };
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("compare", "Compare runs side by side") { ids, endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var comparison = await client.CompareJsonAsync(parse.GetRequiredValue(ids), ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(comparison);
            }
            else
            {
                RunTables.Compare(AnsiConsole.Console, TrackingApiClient.Read<RunComparison>(comparison));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
