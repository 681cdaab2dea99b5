using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// The shape of governance's write commands (<c>models approve|reject|gate|promote|deploy</c>): --endpoint, --json, one
/// API call, then the answer as JSON on stdout or a human rendering; the command may judge the answer's exit code.
/// </summary>
internal static class GovernanceWriteCommand
{
    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<RegistryClient, ParseResult, CancellationToken, Task<JsonElement>> send,
        Action<IAnsiConsole, JsonElement> render,
        Func<JsonElement, int>? exitCode = null)
    {
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
            }
        }

        command.Options.Add(endpoint);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            using var client = new RegistryClient(CommonOptions.ResolveEndpoint(parse.GetValue(endpoint)));
            var result = await send(client, parse, ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(result);
            }
            else
            {
                render(AnsiConsole.Console, result);
            }

            return exitCode?.Invoke(result) ?? ExitCodes.Success;
        });
        return command;
    }

    public static Argument<string> ModelName() => new("NAME") { Description = "The registered model's name" };

    public static Argument<long> Version() => new("VERSION") { Description = "The version number (1, 2, …)" };
}
