using System.CommandLine;
using Otel.Cli.Client;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs rename RUN NAME [--json]</c>: the new name shows wherever the run's name is shown.</summary>
internal static class RunsRenameCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The run's new name" };
        return RunsChangeCommand.Create("rename", "Rename a run (lists, show, compare, leaderboards show the new name)", [name], RunsChangeCommand.RunArgument(),
            (client, id, parse, ct) => client.SendJsonAsync(HttpMethod.Patch, ApiPaths.Run(id), new RunPatchRequest(parse.GetRequiredValue(name), null), ct));
    }
}
