using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs show ID [--json]</c>: one run with history and provenance.</summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Run id" };
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show one run: params, tags, metrics with history, provenance") { id, endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var run = await client.GetRunJsonAsync(parse.GetRequiredValue(id), ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(run);
            }
            else
            {
                RunTables.Show(AnsiConsole.Console, TrackingApiClient.Read<RunDetail>(run));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
