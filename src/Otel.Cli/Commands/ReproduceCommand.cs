using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Cli.Reproduction;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track reproduce RUN [--json] [--check] [--run [--force]]</c>: print what a run needs to be
/// re-run, check this checkout against it, or re-run it and compare metrics.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("RUN") { Description = "Run id" };
        var check = new Option<bool>("--check") { Description = "Compare this checkout and environment with the run's manifest; exit 0 only when nothing differs" };
        var run = new Option<bool>("--run") { Description = "Re-run the recorded command (refused when --check fails) and print the metric deltas" };
        var force = new Option<bool>("--force") { Description = "With --run: run even when --check finds differences" };
        var tolerance = new Option<double>("--tolerance") { Description = "Relative metric tolerance for --run", DefaultValueFactory = _ => Reproducibility.DefaultTolerance };
        var endpoint = CommonOptions.Endpoint();
        var json = CommonOptions.Json();
        var command = new Command("reproduce", "Reproduce a run: its manifest, a check of this environment, or a re-run") { id, check, run, force, tolerance, endpoint, json };
        command.SetAction(async (parse, ct) =>
        {
            var collector = CommonOptions.ResolveEndpoint(parse.GetValue(endpoint));
            using var client = new TrackingApiClient(collector);
            var detail = TrackingApiClient.Read<RunDetail>(await client.GetRunJsonAsync(await client.ResolveRunIdAsync(parse.GetRequiredValue(id), ct), ct));
            var manifest = ReproductionManifest.From(detail);
            var asJson = parse.GetValue(json);
            if (!parse.GetValue(check) && !parse.GetValue(run))
            {
                Print(asJson, manifest, () => ReproductionTables.Manifest(AnsiConsole.Console, manifest));
                return ExitCodes.Success;
            }

            var mismatches = new EnvironmentCheck(Directory.GetCurrentDirectory(), DatasetDigests.Compute).Mismatches(manifest);
            if (!parse.GetValue(run))
            {
                var result = new CheckResult(manifest.RunId, mismatches.Count == 0, mismatches);
                Print(asJson, result, () => ReproductionTables.Check(AnsiConsole.Console, result));
                return mismatches.Count == 0 ? ExitCodes.Success : ExitCodes.Mismatch;
            }

            if (mismatches.Count > 0 && !parse.GetValue(force))
            {
                foreach (var mismatch in mismatches)
                {
                    await Console.Error.WriteLineAsync("  " + mismatch);
                }

                throw new CliException($"refusing to re-run: {mismatches.Count} difference(s) from the recorded environment (listed above); fix them or pass --force", ExitCodes.Mismatch);
            }

            await Rerunner.RunAsync(manifest, collector, Console.Error, ct);
            var rerun = await CompareAsync(client, detail, parse.GetValue(tolerance), ct);
            Print(asJson, rerun, () => ReproductionTables.Rerun(AnsiConsole.Console, rerun));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Finds the newest run linked to the original and compares final metrics.</summary>
    private static async Task<RerunResult> CompareAsync(TrackingApiClient client, RunDetail original, double tolerance, CancellationToken ct)
    {
        var runs = TrackingApiClient.Read<List<RunSummary>>(await client.GetRunsJsonAsync(original.Experiment, 100_000, ct, allAttempts: true));
        var copy = runs.Where(r => r.Reproduces == original.Id).MaxBy(r => r.StartTime)
            ?? throw new CliException($"the command ran, but no run in experiment '{original.Experiment}' was linked to {original.Id}: did it start a run named '{original.Name}' with the otel-track SDK?");
        var metrics = original.Metrics.Keys.Union(copy.Metrics.Keys).Order(StringComparer.Ordinal).ToDictionary(
            k => k,
            k =>
            {
                double? a = original.Metrics.TryGetValue(k, out var x) ? x : null;
                double? b = copy.Metrics.TryGetValue(k, out var y) ? y : null;
                return new MetricPair(a, b, a is not null && b is not null ? b - a : null);
            },
            StringComparer.Ordinal);
        return new RerunResult(original.Id, copy.Id, metrics, Reproducibility.MetricsMatch(original.Metrics, copy.Metrics, tolerance), tolerance);
    }

    private static void Print<T>(bool asJson, T value, Action human)
    {
        if (asJson)
        {
            JsonOutput.Write(JsonSerializer.SerializeToElement(value, QueryJson.Options));
        }
        else
        {
            human();
        }
    }
}
