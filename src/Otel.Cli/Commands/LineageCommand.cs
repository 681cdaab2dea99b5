using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track lineage DIGEST_OR_RUN [--json]</c>: what produced it and what it produced.</summary>
internal static class LineageCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("DIGEST_OR_RUN") { Description = "A run id, a dataset digest or an artifact sha256" };
        return ReadCommand.Create("lineage", "Dataset → run → artifact lineage, both directions", [key],
            async (client, parse, ct) => await client.LineageJsonAsync(await client.ResolveLineageKeyAsync(parse.GetRequiredValue(key), ct), ct),
            (console, json) => DiffTables.Lineage(console, TrackingApiClient.Read<Lineage>(json)));
    }
}
