using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// A read command whose answer is a list, printed three ways: a human table, the API's JSON (<c>--json</c>), or CSV
/// (<c>--csv</c>); the two flags exclude each other. Fetching sees the chosen <see cref="ListOutputMode"/> (only human
/// output may fail where a script would rather get an empty list); rendering sees the parse result, for flags such as
/// <c>--columns</c>.
/// </summary>
internal static class ListOutputCommand
{
    public sealed record CsvTable(IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string?>> Rows);

    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<TrackingApiClient, ParseResult, ListOutputMode, CancellationToken, Task<JsonElement>> fetch,
        Action<IAnsiConsole, JsonElement, ParseResult> render,
        Func<JsonElement, ParseResult, CsvTable> csv)
    {
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var csvOption = new Option<bool>("--csv") { Description = "Print CSV on stdout (RFC 4180, full ids; formula-like cells prefixed with ')" };
        var command = ReadCommand.WithSymbols(name, description, symbols);

        command.Options.Add(endpoint);
        command.Options.Add(json);
        command.Options.Add(csvOption);
        command.SetAction(async (parse, ct) =>
        {
            var mode = (parse.GetValue(json), parse.GetValue(csvOption)) switch
            {
                (true, true) => throw new CliException("choose one of --json and --csv", ExitCodes.Usage),
                (true, false) => ListOutputMode.Json,
                (false, true) => ListOutputMode.Csv,
                _ => ListOutputMode.Human,
            };
            using var client = new TrackingApiClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var result = await fetch(client, parse, mode, ct);
            switch (mode)
            {
                case ListOutputMode.Json:
                    JsonOutput.Write(result);
                    break;
                case ListOutputMode.Csv:
                    var table = csv(result, parse);
                    CsvOutput.Write(table.Headers, table.Rows);
                    break;
                default:
                    render(AnsiConsole.Console, result, parse);
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
