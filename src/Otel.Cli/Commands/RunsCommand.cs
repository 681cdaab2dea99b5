using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs …</c>: the read commands over runs.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var runs = new Command("runs", "List, show, compare and diff runs");
        runs.Subcommands.Add(RunsListCommand.Create());
        runs.Subcommands.Add(RunsShowCommand.Create());
        runs.Subcommands.Add(RunsCompareCommand.Create());
        runs.Subcommands.Add(RunsDiffCommand.Create());
        return runs;
    }
}
