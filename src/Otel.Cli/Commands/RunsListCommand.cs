using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs list [--experiment NAME] [--limit N] [--json]</c>.</summary>
internal static class RunsListCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment" };
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first (default 1000)" };
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("list", "List runs, newest first") { experiment, limit, endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var runs = await client.GetRunsJsonAsync(parse.GetValue(experiment), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(runs);
            }
            else
            {
                RunTables.List(AnsiConsole.Console, TrackingApiClient.Read<List<RunSummary>>(runs));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
