using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// Governance's write commands (<c>models approve|reject|gate|promote|deploy</c>): the shape of <see cref="ReadCommand"/>
/// (--endpoint, --json, one API call, JSON or a human rendering, an exit code the command may judge) with the
/// registry's client, which waits out a collector that does not hold the registry writer's lease yet.
/// </summary>
internal static class GovernanceWriteCommand
{
    public static Command Create(
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<RegistryClient, ParseResult, CancellationToken, Task<JsonElement>> send,
        Action<IAnsiConsole, JsonElement> render,
        Func<JsonElement, int>? exitCode = null) =>
        ReadCommand.Create(name, description, symbols,
            (client, parse, ct) => ModelsCommand.WithRegistryAsync(client, registry => send(registry, parse, ct)),
            render, exitCode);

    public static Argument<long> Version() => new("VERSION") { Description = "The version number (1, 2, …)" };
}
