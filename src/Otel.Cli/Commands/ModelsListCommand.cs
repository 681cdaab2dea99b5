using System.CommandLine;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track models list [--json]</c>: every model with its latest version and aliases.</summary>
internal static class ModelsListCommand
{
    public static Command Create() =>
        ReadCommand.Create("list", "List registered models: latest version and aliases", [],
            (client, _, ct) => client.GetJsonAsync("api/models", ct),
            (console, json) => ModelTables.List(console, ModelTables.Read<List<ModelSummary>>(json)));
}
