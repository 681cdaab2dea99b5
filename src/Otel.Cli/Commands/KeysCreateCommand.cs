using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Security;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track keys create --data DIR --scope ingest|read|registry|approve|admin --name NAME [--models A,B] [--json]</c>:
/// prints the new key once (alone on stdout, or <c>{"name","scope","key"}</c> with --json); only its hash is kept.
/// </summary>
internal static class KeysCreateCommand
{
    public static Command Create()
    {
        var data = KeysCommand.Data();
        var scope = new Option<string>("--scope")
        {
            Description = "ingest (OTLP export, artifact upload), read (query API, artifact download, /metrics), " +
                "registry (register, tag, aliases, promote, deploy, run changes), approve (approve or reject model versions) or admin (everything)",
            Required = true,
        };
        scope.AcceptOnlyFromAmong([.. ApiKeyScopes.Names]);
        var name = new Option<string>("--name") { Description = "A name for the key: who or what uses it (letters, digits, '.', '_', '-')", Required = true };
        var models = new Option<string?>("--models") { Description = "Restrict the key's writes to these model names, comma-separated (registry, approve or admin keys)" };
        var json = CommonOptions.Json();
        var command = new Command("create", "Create an API key and print it (the only time it is shown)") { data, scope, name, models, json };
        command.SetAction(async (parse, ct) =>
        {
            var keyName = parse.GetRequiredValue(name);
            if (!ApiKeyStore.IsValidName(keyName))
            {
                throw new CliException($"--name '{keyName}': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", ExitCodes.Usage);
            }

            if (!ApiKeyScopes.TryParse(parse.GetRequiredValue(scope), out var keyScope))
            {
                throw new CliException("--scope must be ingest, read, registry, approve or admin", ExitCodes.Usage);
            }

            var modelNames = parse.GetValue(models)?.Split(',', StringSplitOptions.TrimEntries) ?? [];
            if (ApiKeyStore.ModelsError(keyScope, modelNames) is { } modelsError)
            {
                throw new CliException(modelsError, ExitCodes.Usage);
            }

            var store = new ApiKeyStore(ApiKeyStore.PathIn(parse.GetRequiredValue(data)), TimeProvider.System);
            CreatedApiKey created;
            try
            {
                created = store.Create(keyName, keyScope, Environment.UserName, modelNames);
            }
            catch (ApiKeyStoreException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure, e);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(new CreatedKeyJson(created.Record.Name, created.Record.Scope.Name(), created.Key)));
            }
            else
            {
                await Console.Out.WriteLineAsync(created.Key);
            }

            await Console.Error.WriteLineAsync(
                $"otel-track: created key '{created.Record.Name}' (id {created.Record.Id}, scope {created.Record.Scope.Name()}{ModelsNote(created.Record)}) in {store.Path}. " +
                "It is shown only now: keep it in a secret store. Clients send it as 'Authorization: Bearer KEY' " +
                "(OTEL_TRACK_API_KEY for otel-track, OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer KEY for SDKs).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ModelsNote(ApiKeyRecord key) => key.IsRestricted ? ", writes only to models " + string.Join(",", key.Models!) : string.Empty;

    private sealed record CreatedKeyJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope,
        [property: System.Text.Json.Serialization.JsonPropertyName("key")] string Key);
}
