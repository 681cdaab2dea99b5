using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track slo list [--json]</c>: the SLO definitions the collector holds.</summary>
internal static class SloListCommand
{
    public static Command Create() =>
        ReadCommand.Create("list", "List the SLO definitions: what each covers, its objective, window and who applied it", [],
            (client, parse, ct) => client.GetJsonAsync("api/slos", ct),
            (console, json) => SloTables.List(console, TrackingApiClient.Read<List<SloRecord>>(json)));
}
