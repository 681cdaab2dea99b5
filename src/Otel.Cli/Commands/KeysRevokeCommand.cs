using System.CommandLine;
using Otel.Collector.Security;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track keys revoke --data DIR --name NAME</c> (or <c>--id ID</c>): a running collector refuses the key
/// within a second. Revoking the last key does not open the collector: the key file stays and accepts no key.
/// </summary>
internal static class KeysRevokeCommand
{
    public static Command Create()
    {
        var data = KeysCommand.Data();
        var name = new Option<string?>("--name") { Description = "Name of the key to revoke" };
        var id = new Option<string?>("--id") { Description = "Id of the key to revoke, as `keys list` shows it" };
        var command = new Command("revoke", "Revoke an API key, by name or id") { data, name, id };
        command.SetAction(async parse =>
        {
            var byName = parse.GetValue(name);
            var byId = parse.GetValue(id);
            if ((byName is null) == (byId is null))
            {
                throw new CliException("give the key to revoke with either --name NAME or --id ID", ExitCodes.Usage);
            }

            var store = new ApiKeyStore(ApiKeyStore.PathIn(parse.GetRequiredValue(data)), TimeProvider.System);
            ApiKeyRecord? revoked;
            try
            {
                revoked = byName is not null ? store.RevokeByName(byName) : store.RevokeById(byId!);
            }
            catch (ApiKeyStoreException e)
            {
                throw new CliException(e.Message, ExitCodes.Failure, e);
            }

            if (revoked is null)
            {
                throw new CliException($"no key {(byName is not null ? "named '" + byName + "'" : "with id '" + byId + "'")} in {store.Path}; see `otel-track keys list`", ExitCodes.NotFound);
            }

            await Console.Error.WriteLineAsync($"otel-track: revoked key '{revoked.Name}' (id {revoked.Id}, scope {revoked.Scope.Name()}); a running collector refuses it within a second");
            return ExitCodes.Success;
        });
        return command;
    }
}
