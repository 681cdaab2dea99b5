using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track models show NAME [--version V] [--json]</c>: the model (versions, aliases now) or one version with what it froze.</summary>
internal static class ModelsShowCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = new Option<long?>("--version") { Description = "Show this version: its run, artifact, params, metrics, datasets, who registered, approved, promoted and deployed it, and the audit entries behind each" };
        return ReadCommand.Create("show", "Show a model, or one version of it", [name, version],
            (client, parse, ct) => client.GetJsonAsync(ApiPaths.Model(parse.GetRequiredValue(name),
                parse.GetValue(version) is { } v ? "/versions/" + v.ToString(CultureInfo.InvariantCulture) : ""), ct),
            (console, json) =>
            {
                if (json.TryGetProperty("versions", out _))
                {
                    ModelTables.Model(console, ModelTables.Read<ModelDetail>(json));
                    GovernanceTables.Model(console, ModelTables.Read<ModelGovernance>(json));
                }
                else
                {
                    ModelTables.Version(console, ModelTables.Read<ModelVersion>(json));
                    ModelTables.VersionStory(console, json);
                    GovernanceTables.Model(console, ModelTables.Read<ModelGovernance>(json));
                }
            });
    }
}
