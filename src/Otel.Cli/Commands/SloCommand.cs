using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track slo status|apply|list|compare|delete</c>: SLOs, their burn rates and alert states (docs/slos.md).</summary>
internal static class SloCommand
{
    public static Command Create()
    {
        var slo = new Command("slo", "SLOs of serving models: status with burn rates and alert state, apply definitions, compare versions, delete");
        slo.Subcommands.Add(SloStatusCommand.Create());
        slo.Subcommands.Add(SloApplyCommand.Create());
        slo.Subcommands.Add(SloListCommand.Create());
        slo.Subcommands.Add(SloCompareCommand.Create());
        slo.Subcommands.Add(SloDeleteCommand.Create());
        return slo;
    }
}
