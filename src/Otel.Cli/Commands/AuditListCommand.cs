using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track audit list [--target T] [--actor A] [--action X] [--since ISO] [--until ISO] [--limit N] [--json]</c>.</summary>
internal static class AuditListCommand
{
    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "Only entries on this target, e.g. key:ci-trainer" };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this actor (a key name or an OS user)" };
        var action = new Option<string?>("--action") { Description = "Only this action, e.g. key.create" };
        var since = new Option<string?>("--since") { Description = "Only entries at or after this ISO 8601 time" };
        var until = new Option<string?>("--until") { Description = "Only entries before this ISO 8601 time" };
        var limit = new Option<int?>("--limit") { Description = "At most this many entries, oldest first (default 1000)" };
        return ReadCommand.Create("list", "List audit entries, oldest first", [target, actor, action, since, until, limit],
            (client, parse, ct) => client.AuditEntriesJsonAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["target"] = parse.GetValue(target),
                ["actor"] = parse.GetValue(actor),
                ["action"] = parse.GetValue(action),
                ["since"] = parse.GetValue(since),
                ["until"] = parse.GetValue(until),
                ["limit"] = parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, ct),
            (console, json) => AuditTables.List(console, TrackingApiClient.Read<List<AuditEntryRecord>>(json)));
    }
}
