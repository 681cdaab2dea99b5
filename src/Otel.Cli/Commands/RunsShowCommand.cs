using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs show ID [--json]</c>: one run with history and provenance.</summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Run id" };
        return ReadCommand.Create("show", "Show one run: params, tags, metrics with history, provenance", [id],
            (client, parse, ct) => client.GetRunJsonAsync(parse.GetRequiredValue(id), ct),
            (console, json) => RunTables.Show(console, TrackingApiClient.Read<RunDetail>(json)));
    }
}
