using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track runs show ID [--json]</c>: one run with history and provenance, a curve per metric (docs/cli.md,
/// "Curves and watching a run"), and what each registered version of it that serves traffic is doing in production
/// now (<c>production</c>), so an incident can start from the run.
/// </summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "Run id" };
        return ReadCommand.Create("show", "Show one run: params, tags, metrics with history, provenance, and its versions in production", [id],
            async (client, parse, ct) =>
            {
                var runId = await client.ResolveRunIdAsync(parse.GetRequiredValue(id), ct);
                var run = await client.GetRunJsonAsync(runId, ct);
                return ProductionStatusClient.WithProduction(run, await ProductionStatusClient.ServingAsync(client, null, runId, ct));
            },
            async (console, json, client, ct) =>
            {
                var run = TrackingApiClient.Read<RunDetail>(json);
                RunTables.Show(console, run);
                SweepTables.Children(console, run.Children);
                await MetricCurves.WriteAsync(console, client, run, ct);
                ProductionTables.Serving(console, TrackingApiClient.Read<List<VersionProduction>>(json.GetProperty("production")), ProductionStatusClient.Window);
            });
    }
}
