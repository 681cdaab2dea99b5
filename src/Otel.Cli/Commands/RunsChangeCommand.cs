using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// The shape of the commands that change a run after the fact (docs/run-lifecycle.md): one call to the run's lifecycle
/// API, then its answer as JSON (<c>--json</c>) or one human line saying the run's state afterwards.
/// </summary>
internal static class RunsChangeCommand
{
    public static Command Create(string name, string description, IEnumerable<Symbol> symbols, Argument<string> run,
        Func<TrackingApiClient, string, ParseResult, CancellationToken, Task<JsonElement>> send) =>
        ReadCommand.Create(name, description, [run, .. symbols],
            async (client, parse, ct) => await send(client, await client.ResolveRunIdAsync(parse.GetRequiredValue(run), ct), parse, ct),
            (console, json) => Render(console, TrackingApiClient.Read<RunLifecycleRecord>(json)));

    /// <summary>The run argument every lifecycle verb takes first.</summary>
    public static Argument<string> RunArgument() => new("RUN") { Description = "Run id" };

    /// <summary>A POST of a state verb (archive, restore, delete, hold, release).</summary>
    public static Command Verb(string verb, string description) =>
        Create(verb, description, [], RunArgument(),
            (client, id, _, ct) => client.SendJsonAsync(HttpMethod.Post, ApiPaths.Run(id, verb), null, ct));

    private static void Render(IAnsiConsole console, RunLifecycleRecord record)
    {
        var state = record.State + (record.Held ? ", held" : string.Empty);
        console.MarkupLine($"run [bold]{ConsoleText.Escape(record.RunId)}[/] ({ConsoleText.Escape(record.Name)}): {ConsoleText.Escape(state)}"
            + (record.Changed ? string.Empty : " [grey](already so: nothing changed)[/]"));
        if (record.Tags.Count > 0)
        {
            console.MarkupLine("tags: " + ConsoleText.Escape(string.Join(", ", record.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))));
        }
    }
}
