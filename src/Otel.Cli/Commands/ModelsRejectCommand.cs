using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models reject NAME VERSION --for ALIAS [--comment TEXT] [--json]</c>: rejects a version for an alias;
/// it withdraws an earlier approval by the same identity.
/// </summary>
internal static class ModelsRejectCommand
{
    public static Command Create() => ModelsApproveCommand.Decision("reject", "Reject a model version for an alias (withdraws your earlier approval)");
}
