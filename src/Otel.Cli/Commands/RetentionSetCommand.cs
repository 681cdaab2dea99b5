using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track retention set EXPERIMENT --points-days N [--raw-days N] [--artifact-days N] [--json]</c>.</summary>
internal static class RetentionSetCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "The experiment the policy applies to" };
        var points = new Option<int>("--points-days") { Description = "Days to keep metric points", Required = true };
        var raw = new Option<int?>("--raw-days") { Description = "Days to keep the runs' raw OTel rows (default: for ever)" };
        var artifacts = new Option<int?>("--artifact-days") { Description = "Days to keep artifacts (default: for ever)" };
        return ReadCommand.Create("set", "Set an experiment's retention (held and registered runs are never touched)", [experiment, points, raw, artifacts],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Put, "api/retention/" + Uri.EscapeDataString(parse.GetRequiredValue(experiment)),
                new RetentionPolicyRequest(parse.GetValue(points), parse.GetValue(raw), parse.GetValue(artifacts)), ct),
            (console, json) => RetentionTables.Show(console, [TrackingApiClient.Read<RetentionForecast>(json)]));
    }
}
