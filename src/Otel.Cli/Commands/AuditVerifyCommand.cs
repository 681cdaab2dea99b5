using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track audit verify [--anchor SEQ:HASH] [--json]</c>: recomputes the chain; exit 0 when intact,
/// <see cref="ExitCodes.AuditBroken"/> (7) when an entry was edited, deleted, inserted or reordered, or the chain no
/// longer has the anchored hash.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var anchor = new Option<string?>("--anchor") { Description = "SEQ:HASH from an earlier `audit head`: also detects a rewrite of the whole chain" };
        return ReadCommand.Create("verify", "Recompute the audit chain and report the first entry that is not intact", [anchor],
            (client, parse, ct) => client.AuditVerifyJsonAsync(parse.GetValue(anchor), ct),
            (console, json) => AuditTables.Verification(console, TrackingApiClient.Read<AuditVerification>(json)),
            json => TrackingApiClient.Read<AuditVerification>(json).Ok ? ExitCodes.Success : ExitCodes.AuditBroken);
    }
}
