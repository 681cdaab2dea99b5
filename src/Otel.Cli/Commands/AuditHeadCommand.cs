using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track audit head [--json]</c>: the last entry's seq and hash; keep <c>SEQ:HASH</c> elsewhere as an anchor.</summary>
internal static class AuditHeadCommand
{
    public static Command Create() =>
        ReadCommand.Create("head", "Print the audit chain's head (seq and hash), to keep as an anchor", [],
            (client, _, ct) => client.AuditHeadJsonAsync(ct),
            (console, json) => AuditTables.Head(console, TrackingApiClient.Read<AuditHead>(json)));
}
