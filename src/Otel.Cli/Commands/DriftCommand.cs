using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track drift …</c>: drift of serving telemetry against the training baseline (docs/drift.md).</summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var drift = new Command("drift", "Drift of a model version's serving features and predictions against its training baseline");
        drift.Subcommands.Add(DriftReportCommand.Create());
        return drift;
    }
}
