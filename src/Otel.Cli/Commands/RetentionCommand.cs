using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track retention set|show</c>: per-experiment retention of points, raw OTel rows and artifacts (docs/run-lifecycle.md).</summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var retention = new Command("retention", "Set and show how long each experiment keeps metric points, raw OTel rows and artifacts");
        retention.Subcommands.Add(RetentionSetCommand.Create());
        retention.Subcommands.Add(RetentionShowCommand.Create());
        return retention;
    }
}
