using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track slo apply FILE [--json]</c>: sends an SLO file to the collector, which validates it (errors name the
/// file, the SLO and the field), stores and audits the SLOs that changed, replacing those of the same name.
/// </summary>
internal static class SloApplyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The SLO file (YAML, docs/slos.md)" };
        return ReadCommand.Create("apply", "Load SLO definitions from a YAML file into the collector, replacing SLOs of the same name (admin key)", [file],
            async (client, parse, ct) =>
            {
                var path = parse.GetRequiredValue(file);
                string yaml;
                try
                {
                    yaml = await File.ReadAllTextAsync(path, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{path}: cannot read the SLO file ({e.Message})", ExitCodes.Usage, e);
                }

                return await client.SendJsonAsync(HttpMethod.Put, "api/slos", new SloApplyRequest(Path.GetFileName(path), yaml), ct);
            },
            (console, json) => SloTables.Applied(console, TrackingApiClient.Read<SloApplyResult>(json)));
    }
}
