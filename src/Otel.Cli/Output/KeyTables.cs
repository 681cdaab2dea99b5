using Otel.Cli.Commands;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human rendering of <c>keys list</c>.</summary>
internal static class KeyTables
{
    public static void List(IAnsiConsole console, IReadOnlyList<ListedKey> keys, bool keyFileExists)
    {
        if (keys.Count == 0)
        {
            console.MarkupLine(keyFileExists
                ? "[grey]No API keys. The key file exists, so a collector on this directory accepts no key until one is created with `otel-track keys create`.[/]"
                : "[grey]No API keys: a collector on this directory is open to anyone who can reach it. Create one with `otel-track keys create`.[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("id", "name", "scope", "models", "created");
        foreach (var key in keys)
        {
            table.AddRow(ConsoleText.Escape(key.Id), ConsoleText.Escape(key.Name), ConsoleText.Escape(key.Scope), ConsoleText.Escape(key.Models.Count > 0 ? string.Join(",", key.Models) : "all"), Format.Time(key.Created));
        }

        console.Write(table);
    }
}
