using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models alias NAME ALIAS VERSION</c> sets or moves an alias; <c>models alias NAME ALIAS --delete</c>
/// deletes it. A gated alias is refused: it moves only through <c>models promote</c>.
/// </summary>
internal static class ModelsAliasCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var alias = new Argument<string>("ALIAS") { Description = "Alias: champion, staging, production or any lowercase name" };
        var version = new Argument<long?>("VERSION") { Description = "Version the alias should point at", Arity = ArgumentArity.ZeroOrOne };
        var delete = new Option<bool>("--delete") { Description = "Delete the alias instead" };
        return ReadCommand.Create("alias", "Set, move or delete an alias of a model", [name, alias, version, delete],
            (client, parse, ct) =>
            {
                var path = ApiPaths.Model(parse.GetRequiredValue(name), "/aliases/" + Uri.EscapeDataString(parse.GetRequiredValue(alias)));
                var target = parse.GetValue(version);
                if (parse.GetValue(delete) == target is not null)
                {
                    throw new CliException("give either a VERSION to point the alias at, or --delete", ExitCodes.Usage);
                }

                return target is { } v
                    ? client.SendJsonAsync(HttpMethod.Put, path, new ModelAliasTarget(v), ct)
                    : client.SendJsonAsync(HttpMethod.Delete, path, null, ct);
            },
            (console, json) => ModelTables.Moved(console, ModelTables.Read<ModelAliasMove>(json)));
    }
}
