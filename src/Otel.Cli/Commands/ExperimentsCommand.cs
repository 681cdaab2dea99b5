using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track experiments …</c>: the experiments runs were recorded in.</summary>
internal static class ExperimentsCommand
{
    public static Command Create()
    {
        var experiments = new Command("experiments", "List experiments with their run counts and latest run");
        experiments.Subcommands.Add(ExperimentsListCommand.Create());
        return experiments;
    }
}
