using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track retention show [--experiment NAME] [--json]</c>: every policy, what the next pass deletes and when more falls due.</summary>
internal static class RetentionShowCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only this experiment's policy" };
        return ReadCommand.Create("show", "Show retention policies: what will be deleted, and when", [experiment],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Get,
                "api/retention" + (parse.GetValue(experiment) is { Length: > 0 } name ? "?experiment=" + Uri.EscapeDataString(name) : string.Empty), null, ct),
            (console, json) => RetentionTables.Show(console, TrackingApiClient.Read<List<RetentionForecast>>(json)));
    }
}
