using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track keys create|list|revoke --data DIR</c>: the collector's API keys, kept as hashes in <c>DIR/keys.json</c>.
/// A running collector on that directory picks up every change within a second (docs/security.md).
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke the collector's API keys (stored as hashes in DATA/keys.json)");
        keys.Subcommands.Add(KeysCreateCommand.Create());
        keys.Subcommands.Add(KeysListCommand.Create());
        keys.Subcommands.Add(KeysRevokeCommand.Create());
        return keys;
    }

    /// <summary>The same data directory as <c>serve --data</c>.</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "The collector's data directory, as given to serve",
        DefaultValueFactory = _ => "otel-track-data",
    };
}
