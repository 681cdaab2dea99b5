using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models baseline NAME --version V [--json]</c>: the training baseline the version froze at registration, one
/// row per feature or output (the JSON is what serving libraries bin against).
/// </summary>
internal static class ModelsBaselineCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = new Option<long>("--version") { Description = "The version whose baseline to show", Required = true };
        return ReadCommand.Create("baseline", "Show the training baseline a version froze: bins or categories of each feature and output", [name, version],
            (client, parse, ct) => client.GetJsonAsync(
                ApiPaths.Model(parse.GetRequiredValue(name), "/versions/" + parse.GetValue(version).ToString(CultureInfo.InvariantCulture) + "/baseline"), ct),
            (console, json) => BaselineTables.Baseline(console, ModelTables.Read<ModelBaseline>(json)));
    }
}
