using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Production;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track drift report NAME [--version V] [--window 15m|1h|…] [--warn-psi X] [--drift-psi X] [--min-count N] [--json]</c>:
/// PSI, Jensen–Shannon distance and KS of each feature and prediction, computed now by the collector.
/// </summary>
internal static class DriftReportCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = new Option<long?>("--version") { Description = "The version to report on (default: the version that served the most predictions in the window)" };
        var window = new Option<string?>("--window") { Description = "How far back from now: minutes, hours or days such as 15m, 1h, 1d (default 1h)" };
        var warnPsi = new Option<double?>("--warn-psi") { Description = "PSI at or above which a feature is warn (default: the collector's, 0.1)" };
        var driftPsi = new Option<double?>("--drift-psi") { Description = "PSI at or above which a feature is drift (default: the collector's, 0.25)" };
        var minCount = new Option<long?>("--min-count") { Description = "Measurements below which a feature is insufficient_data (default: the collector's, 500)" };

        // Set by the fetch, read by the rendering of the same invocation: the human output says when the version was chosen.
        var versionChosen = false;
        return ReadCommand.Create("report", "Drift of each feature and prediction of a model version over a window, against its training baseline",
            [name, version, window, warnPsi, driftPsi, minCount],
            (client, parse, ct) =>
            {
                var query = new List<string>();
                versionChosen = parse.GetValue(version) is null;
                Add(query, "version", parse.GetValue(version)?.ToString(CultureInfo.InvariantCulture));
                Add(query, "window", parse.GetValue(window));
                Add(query, "warnPsi", parse.GetValue(warnPsi)?.ToString("R", CultureInfo.InvariantCulture));
                Add(query, "driftPsi", parse.GetValue(driftPsi)?.ToString("R", CultureInfo.InvariantCulture));
                Add(query, "minCount", parse.GetValue(minCount)?.ToString(CultureInfo.InvariantCulture));
                return client.GetJsonAsync(ApiPaths.Model(parse.GetRequiredValue(name), "/drift" + (query.Count > 0 ? "?" + string.Join('&', query) : "")), ct);
            },
            (console, json) => DriftTables.Report(console, TrackingApiClient.Read<List<DriftResult>>(json), versionChosen));
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
