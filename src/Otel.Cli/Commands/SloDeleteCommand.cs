using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track slo delete NAME [--json]</c>: deletes an SLO (admin key; audited <c>slo.delete</c>).</summary>
internal static class SloDeleteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The SLO to delete, as `otel-track slo list` names it" };
        return ReadCommand.Create("delete", "Delete an SLO: its status stops being evaluated (applying it again brings it back)", [name],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Delete, "api/slos/" + Uri.EscapeDataString(parse.GetRequiredValue(name)), null, ct),
            (console, json) =>
            {
                var deleted = TrackingApiClient.Read<SloRecord>(json);
                SloTables.List(console, [deleted]);
                console.MarkupLine($"Deleted SLO {ConsoleText.Escape(deleted.Name)}.");
            });
    }
}
