using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models register NAME --run RUN --artifact PATH [--description TEXT] [--tag k=v]… [--json]</c>: a new
/// version (or the existing one, when this run and artifact are registered already).
/// </summary>
internal static class ModelsRegisterCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var run = new Option<string>("--run") { Description = "Run id the version comes from", Required = true };
        var artifact = new Option<string>("--artifact") { Description = "The run's artifact: its path as `artifacts list` shows it, or its sha256", Required = true };
        var description = new Option<string?>("--description") { Description = "What this version is" };
        var tags = new Option<string[]>("--tag") { Description = "A tag KEY=VALUE for the version (repeatable)" };
        return ReadCommand.Create("register", "Register a version of a model from a run and one of its artifacts (checksum verified)",
            [name, run, artifact, description, tags],
            async (client, parse, ct) => await client.SendJsonAsync(HttpMethod.Post,
                ApiPaths.Model(parse.GetRequiredValue(name), "/versions"),
                new ModelRegistration
                {
                    RunId = await client.ResolveRunIdAsync(parse.GetRequiredValue(run), ct),
                    Artifact = await client.ResolveArtifactSha256OrNullAsync(parse.GetRequiredValue(artifact), ct) ?? parse.GetRequiredValue(artifact),
                    Description = parse.GetValue(description),
                    Tags = ParseTags(parse.GetValue(tags)),
                }, ct),
            (console, json) => ModelTables.Registered(console, ModelTables.Read<ModelVersion>(json)));
    }

    /// <summary><c>KEY=VALUE</c> pairs; null when none were given.</summary>
    public static Dictionary<string, string>? ParseTags(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--tag '{pair}': write KEY=VALUE, e.g. --tag team=risk", ExitCodes.Usage);
            }

            tags[pair[..equals]] = pair[(equals + 1)..];
        }

        return tags;
    }
}
