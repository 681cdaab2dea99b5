using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// The shape every API command shares (reads, and changes such as the registry's): --endpoint, --json, one API call, then either the API's
/// JSON on stdout or a human rendering of it; the exit code is success unless the command judges the answer.
/// </summary>
internal static class ReadCommand
{
    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<TrackingApiClient, ParseResult, CancellationToken, Task<JsonElement>> fetch,
        Action<IAnsiConsole, JsonElement> render,
        Func<JsonElement, int>? exitCode = null) =>
        Create(name, description, symbols, fetch, (console, json, _, _) =>
        {
            render(console, json);
            return Task.CompletedTask;
        }, exitCode);

    /// <summary>As above, for a human rendering that asks the API for more (what <c>--json</c> leaves out, such as curves).</summary>
    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<TrackingApiClient, ParseResult, CancellationToken, Task<JsonElement>> fetch,
        Func<IAnsiConsole, JsonElement, TrackingApiClient, CancellationToken, Task> render,
        Func<JsonElement, int>? exitCode = null)
    {
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = ReadCommand.WithSymbols(name, description, symbols);

        command.Options.Add(endpoint);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var result = await fetch(client, parse, ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(result);
            }
            else
            {
                await render(AnsiConsole.Console, result, client, ct);
            }

            return exitCode?.Invoke(result) ?? ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A command with the given arguments and options, in order.</summary>
    internal static Command WithSymbols(string name, string description, IEnumerable<Symbol> symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }

        return command;
    }
}
