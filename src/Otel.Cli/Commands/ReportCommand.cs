using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Report;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track report RUN [RUN…] -o FILE.html [--json]</c>: one self-contained HTML file (no network fetch when opened)
/// with the runs' curves overlaid, the params and environment that differ, their data, artifacts and provenance, and the
/// approvals and production status of the model versions they produced (docs/cli.md, "Reports").
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("RUN") { Description = $"Run ids, 1 to {RunStyle.MaxRuns}; the first is drawn solid blue, the next each in their own colour and dash", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write (replaced when it exists)", Required = true };
        return ReadCommand.Create("report", "Write one self-contained HTML report of 1-5 runs: curves overlaid, what differs, data, artifacts, models", [runs, output],
            async (client, parse, ct) =>
            {
                var typed = parse.GetRequiredValue(runs).Distinct(StringComparer.Ordinal).ToList();
                if (typed.Count > RunStyle.MaxRuns)
                {
                    throw new CliException(
                        $"a report overlays at most {RunStyle.MaxRuns} runs, and {typed.Count} were given: pick the ones to compare (`otel-track leaderboard EXPERIMENT --metric KEY` lists the best)",
                        ExitCodes.Usage);
                }

                var path = parse.GetRequiredValue(output);
                if (string.IsNullOrWhiteSpace(path))
                {
                    throw new CliException("--output is empty: name the HTML file to write, such as -o report.html", ExitCodes.Usage);
                }

                var file = ReportFile.Check(path);
                var ids = (await client.ResolveRunIdsAsync(typed, ct)).Distinct(StringComparer.Ordinal).ToList();
                var data = await ReportDataGatherer.GatherAsync(client, ids, TimeProvider.System, ct);
                var bytes = await ReportFile.WriteAsync(file, HtmlReportWriter.Write(data), ct);
                return JsonSerializer.SerializeToElement(new ReportSummary(file, ids.Count, ids, data.Curves.Count, bytes), QueryJson.Options);
            },
            (console, json) =>
            {
                var summary = TrackingApiClient.Read<ReportSummary>(json);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {summary.File} ({summary.Runs} run{(summary.Runs == 1 ? "" : "s")}, {summary.Charts} chart{(summary.Charts == 1 ? "" : "s")}, {summary.Bytes:N0} bytes)"));
            });
    }
}
