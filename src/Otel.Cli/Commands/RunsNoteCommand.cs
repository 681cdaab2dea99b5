using System.CommandLine;
using Otel.Cli.Client;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs note RUN TEXT|--file PATH [--json]</c>: a markdown note on the run; an empty text clears it.</summary>
internal static class RunsNoteCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("TEXT") { Description = "The note (markdown); \"\" clears it", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "Read the note from this file instead" };
        return RunsChangeCommand.Create("note", "Set a run's note (markdown text, shown by runs show)", [text, file], RunsChangeCommand.RunArgument(),
            async (client, id, parse, ct) =>
            {
                var note = parse.GetValue(file) is { } path
                    ? await File.ReadAllTextAsync(path.FullName, ct)
                    : parse.GetValue(text) ?? throw new CliException("runs note needs the note: `otel-track runs note RUN \"text\"` or `--file notes.md`", ExitCodes.Usage);
                return await client.SendJsonAsync(HttpMethod.Patch, ApiPaths.Run(id), new RunPatchRequest(null, note), ct);
            });
    }
}
