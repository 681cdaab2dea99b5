using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track artifacts list RUN [--json]</c> and <c>otel-track artifacts get RUN PATH -o FILE</c>: the download
/// is verified against the recorded SHA-256, and a mismatch leaves no file and exits non-zero.
/// </summary>
internal static class ArtifactsCommand
{
    public static Command Create()
    {
        var artifacts = new Command("artifacts", "List a run's artifacts and download them, checksum verified");
        artifacts.Subcommands.Add(List());
        artifacts.Subcommands.Add(Get());
        return artifacts;
    }

    private static Command List()
    {
        var run = new Argument<string>("RUN") { Description = "Run id" };
        return ReadCommand.Create("list", "List a run's artifacts: path, size, kind, SHA-256", [run],
            async (client, parse, ct) =>
            {
                using var artifacts = new ArtifactClient(client.Endpoint);
                return await artifacts.ListJsonAsync(await client.ResolveRunIdAsync(parse.GetRequiredValue(run), ct), ct);
            },
            Render);
    }

    private static Command Get()
    {
        var run = new Argument<string>("RUN") { Description = "Run id" };
        var path = new Argument<string>("PATH") { Description = "Artifact path, as `artifacts list` shows it" };
        var output = new Option<string>("--output", "-o") { Description = "File to write (replaced only once the download is verified)", Required = true };
        var endpoint = CommonOptions.Endpoint();
        var command = new Command("get", "Download one artifact, verifying its SHA-256") { run, path, output, endpoint };
        command.SetAction(async (parse, ct) =>
        {
            var collector = CommonOptions.ResolveEndpoint(parse.GetValue(endpoint));
            using var client = new ArtifactClient(collector);
            using var api = new TrackingApiClient(collector);
            var artifact = await client.FindAsync(await api.ResolveRunIdAsync(parse.GetRequiredValue(run), ct), parse.GetRequiredValue(path), ct);
            var file = parse.GetRequiredValue(output);
            var size = await TransferProgress.RunAsync(artifact.Path, artifact.Size, progress => client.DownloadAsync(artifact.Sha256, artifact.Size, file, progress, ct));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}: {size} bytes, sha256 {artifact.Sha256} verified"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            console.MarkupLine("[grey]No artifacts. Log some with run.LogArtifact(path).[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("path", "size", "kind", "sha256");
        table.Columns[1].RightAligned();
        foreach (var artifact in json.EnumerateArray())
        {
            table.AddRow(
                ConsoleText.Escape(Text(artifact, "path")),
                artifact.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes.ToString("N0", CultureInfo.InvariantCulture) : "-",
                ConsoleText.Escape(Text(artifact, "kind")),
                ConsoleText.Escape(Text(artifact, "sha256")));
        }

        console.Write(table);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
