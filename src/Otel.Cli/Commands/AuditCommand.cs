using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track audit verify|head|list</c>: the tamper-evident audit log (docs/audit.md).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Verify, anchor and read the tamper-evident audit log");
        audit.Subcommands.Add(AuditVerifyCommand.Create());
        audit.Subcommands.Add(AuditHeadCommand.Create());
        audit.Subcommands.Add(AuditListCommand.Create());
        return audit;
    }
}
