using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models history NAME [--at ISO8601] [--json]</c>: with --at, where each alias pointed at that time
/// (<c>{alias: version}</c>); without, every alias move.
/// </summary>
internal static class ModelsHistoryCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var at = new Option<string?>("--at") { Description = "ISO 8601 time, e.g. 2026-06-01T12:00:00Z: where each alias pointed then" };
        return ReadCommand.Create("history", "Where each alias pointed at a time, or every alias move", [name, at],
            (client, parse, ct) => client.GetJsonAsync(
                ApiPaths.Model(parse.GetRequiredValue(name), "/history") + (parse.GetValue(at) is { } time ? "?at=" + Uri.EscapeDataString(time) : ""), ct),
            (console, json) =>
            {
                if (json.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    ModelTables.Moves(console, ModelTables.Read<List<ModelAliasMove>>(json));
                }
                else
                {
                    ModelTables.Aliases(console, ModelTables.Read<Dictionary<string, long>>(json));
                }
            });
    }
}
