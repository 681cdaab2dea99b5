using System.CommandLine;
using Otel.Cli.Client;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track whoami [--json]</c>: the actor the collector records for this CLI's actions (a key's name, or the OS user on loopback without keys).</summary>
internal static class WhoAmICommand
{
    public static Command Create() =>
        ReadCommand.Create("whoami", "Show who the collector records as the actor of this CLI's actions", [],
            (client, _, ct) => client.WhoAmIJsonAsync(ct),
            (console, json) =>
            {
                var actor = TrackingApiClient.Read<ActorRecord>(json);
                console.WriteLine($"{actor.Actor} ({actor.Via})");
            });
}
