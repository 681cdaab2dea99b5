using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models update NAME [--version V] [--description TEXT] [--tag k=v]… [--archived true|false] [--json]</c>:
/// the description and tags of a model or of one version (tags given replace the set), and the archived flag of a
/// version (the seeds' archived stage: an archived version cannot be an alias target).
/// </summary>
internal static class ModelsUpdateCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = new Option<long?>("--version") { Description = "Change this version instead of the model" };
        var description = new Option<string?>("--description") { Description = "The new description" };
        var tags = new Option<string[]>("--tag") { Description = "A tag KEY=VALUE (repeatable); the tags given replace the set" };
        var archived = new Option<bool?>("--archived") { Description = "Archive (true) or unarchive (false) the version; needs --version" };
        return ReadCommand.Create("update", "Change the description or tags of a model or version, or archive a version",
            [name, version, description, tags, archived],
            (client, parse, ct) =>
            {
                var change = new ModelChange
                {
                    Description = parse.GetValue(description),
                    Tags = ModelsRegisterCommand.ParseTags(parse.GetValue(tags)),
                    Archived = parse.GetValue(archived),
                };
                if (change is { Description: null, Tags: null, Archived: null })
                {
                    throw new CliException("nothing to change: give --description, --tag KEY=VALUE or --archived true|false", ExitCodes.Usage);
                }

                if (parse.GetValue(version) is not { } number)
                {
                    return change.Archived is null
                        ? client.SendJsonAsync(HttpMethod.Patch, ApiPaths.Model(parse.GetRequiredValue(name)), change, ct)
                        : throw new CliException("--archived applies to a version: add --version V", ExitCodes.Usage);
                }

                return client.SendJsonAsync(HttpMethod.Patch, ApiPaths.Model(parse.GetRequiredValue(name), "/versions/" + number.ToString(CultureInfo.InvariantCulture)), change, ct);
            },
            (console, json) =>
            {
                if (json.TryGetProperty("versions", out _))
                {
                    ModelTables.Model(console, ModelTables.Read<ModelDetail>(json));
                }
                else
                {
                    ModelTables.Version(console, ModelTables.Read<ModelVersion>(json));
                }
            });
    }
}
