using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track slo status [--model NAME] [--json]</c>: every SLO's SLI, error budget, burn rates and alert, computed now.</summary>
internal static class SloStatusCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Only the SLOs of this model" };
        return ReadCommand.Create("status", "Each SLO's SLI, error budget left, burn rates over 5m…3d and alert state (page, ticket, none), computed now", [model],
            (client, parse, ct) => client.GetJsonAsync(
                "api/slos/status" + (parse.GetValue(model) is { Length: > 0 } name ? "?model=" + Uri.EscapeDataString(name) : string.Empty), ct),
            (console, json) => SloTables.Status(console, TrackingApiClient.Read<List<SloStatus>>(json)));
    }
}
