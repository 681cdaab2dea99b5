using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs …</c>: the read commands over runs, and the changes after the fact (docs/run-lifecycle.md).</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var runs = new Command("runs", "List, show, compare and diff runs; archive, restore, delete, hold, rename, note and tag them");
        runs.Subcommands.Add(RunsListCommand.Create());
        runs.Subcommands.Add(RunsShowCommand.Create());
        runs.Subcommands.Add(RunsCompareCommand.Create());
        runs.Subcommands.Add(RunsDiffCommand.Create());
        runs.Subcommands.Add(RunsChangeCommand.Verb("archive", "Archive a run: it leaves the default lists (runs list --archived shows it)"));
        runs.Subcommands.Add(RunsChangeCommand.Verb("restore", "Bring an archived or deleted run back to the default lists"));
        runs.Subcommands.Add(RunsChangeCommand.Verb("delete", "Delete a run (soft): purged after the grace period unless held or registered"));
        runs.Subcommands.Add(RunsChangeCommand.Verb("hold", "Put a run under legal hold: never purged, never touched by retention"));
        runs.Subcommands.Add(RunsChangeCommand.Verb("release", "Release a run's legal hold"));
        runs.Subcommands.Add(RunsRenameCommand.Create());
        runs.Subcommands.Add(RunsNoteCommand.Create());
        runs.Subcommands.Add(RunsTagCommand.Create());
        runs.Subcommands.Add(RunsWatchCommand.Create());
        return runs;
    }
}
