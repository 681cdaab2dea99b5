using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models resolve URI [--download DIR] [--json]</c>: the version <c>models:/NAME@ALIAS</c>,
/// <c>models:/NAME/VERSION</c> or <c>models:/NAME</c> names now; with --download, its artifact written to DIR once its
/// SHA-256 is verified (a mismatch writes nothing and exits non-zero).
/// </summary>
internal static class ModelsResolveCommand
{
    public static Command Create()
    {
        var uri = new Argument<string>("URI") { Description = "models:/NAME@ALIAS, models:/NAME/VERSION or models:/NAME (newest not archived)" };
        var download = new Option<string?>("--download") { Description = "Directory to download the version's artifact into (checksum verified)" };
        return ReadCommand.Create("resolve", "Resolve a models:/ URI to a version, optionally downloading its artifact", [uri, download],
            async (client, parse, ct) =>
            {
                var json = await client.GetJsonAsync(
                    "api/models/resolve?uri=" + Uri.EscapeDataString(parse.GetRequiredValue(uri)), ct);
                if (parse.GetValue(download) is { } directory)
                {
                    var version = ModelTables.Read<ModelVersion>(json);
                    if (!Directory.Exists(directory))
                    {
                        throw new CliException($"--download {directory}: the directory does not exist", ExitCodes.Usage);
                    }

                    var file = Path.Combine(directory, Path.GetFileName(version.Artifact.Path));
                    using var artifacts = new ArtifactClient(client.Endpoint);
                    await TransferProgress.RunAsync(version.Artifact.Path, version.Artifact.Size, progress => artifacts.DownloadAsync(version.Artifact.Sha256, version.Artifact.Size, file, progress, ct));
                    await Console.Error.WriteLineAsync($"otel-track: {file}: sha256 {version.Artifact.Sha256} verified");
                }

                return json;
            },
            (console, json) => ModelTables.Version(console, ModelTables.Read<ModelVersion>(json)));
    }
}
