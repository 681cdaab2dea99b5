using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Security;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track keys list --data DIR [--json]</c>: id, name, scope, creation time and model restriction; never a key or a hash.</summary>
internal static class KeysListCommand
{
    public static Command Create()
    {
        var data = KeysCommand.Data();
        var json = CommonOptions.Json();
        var command = new Command("list", "List API keys: id, name, scope, created, models (never the keys)") { data, json };
        command.SetAction(parse =>
        {
            var store = new ApiKeyStore(ApiKeyStore.PathIn(parse.GetRequiredValue(data)), TimeProvider.System);
            IReadOnlyList<ApiKeyRecord> keys;
            try
            {
                keys = store.List();
            }
            catch (ApiKeyStoreException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure, e);
            }

            var listed = keys.Select(k => new ListedKey(k.Id, k.Name, k.Scope.Name(), k.Created, k.Models ?? [])).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(listed, JsonSerializerOptions.Web));
            }
            else
            {
                KeyTables.List(AnsiConsole.Console, listed, File.Exists(store.Path));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>One element of <c>keys list --json</c>; <see cref="Models"/> is empty for a key not restricted to some models.</summary>
internal sealed record ListedKey(string Id, string Name, string Scope, DateTimeOffset Created, IReadOnlyList<string> Models);
