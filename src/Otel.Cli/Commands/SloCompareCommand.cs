using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track slo compare MODEL --version A --version B [--json]</c>: a model's SLOs over two versions side by side, then their drift.</summary>
internal static class SloCompareCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The model whose SLOs to compare" };
        var versions = new Option<string[]>("--version") { Description = "A version to compare; give it twice (A, then B)", Required = true, AllowMultipleArgumentsPerToken = false };
        return ReadCommand.Create("compare", "Set a model's SLIs, burn rates, alerts and drift of two versions side by side (a canary beside the champion)", [model, versions],
            (client, parse, ct) =>
            {
                var given = parse.GetValue(versions) ?? [];
                if (given.Length != 2)
                {
                    throw new CliException($"slo compare needs exactly two versions: --version A --version B (got {given.Length})", ExitCodes.Usage);
                }

                return client.GetJsonAsync(
                    $"api/slos/compare?model={Uri.EscapeDataString(parse.GetRequiredValue(model))}&version={Uri.EscapeDataString(given[0])}&version={Uri.EscapeDataString(given[1])}", ct);
            },
            (console, json) => SloTables.Compare(console, TrackingApiClient.Read<SloComparison>(json)));
    }
}
