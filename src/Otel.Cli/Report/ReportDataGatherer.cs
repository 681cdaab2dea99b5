using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Report;

/// <summary>
/// Reads what a report needs through the query API: each run's detail, each metric's downsampled history
/// (<c>/api/runs/{id}/history</c>), and the registered versions the runs produced with their governance and
/// production status.
/// </summary>
internal static class ReportDataGatherer
{
    /// <summary>Points per curve: a chart's plot is about 420 px wide, so more would not be seen, only carried.</summary>
    public const int PointsPerCurve = 500;

    private const long ClockSlackSeconds = 60;

    public static async Task<ReportData> GatherAsync(TrackingApiClient client, IReadOnlyList<string> runIds, TimeProvider time, CancellationToken ct)
    {
        var runs = new List<RunDetail>();
        foreach (var id in runIds)
        {
            runs.Add(TrackingApiClient.Read<RunDetail>(await client.GetRunJsonAsync(id, ct)));
        }

        var curves = new List<MetricCurves>();
        foreach (var key in runs.SelectMany(r => r.MetricSummaries.Keys.Concat(r.Metrics.Keys)).Distinct().Order(StringComparer.Ordinal))
        {
            var byStep = new Dictionary<string, IReadOnlyList<DownsampledPoint>>(StringComparer.Ordinal);
            foreach (var run in runs.Where(r => r.Metrics.ContainsKey(key) || r.MetricSummaries.ContainsKey(key)))
            {
                var path = ApiPaths.Run(run.Id, "history?key=" + Uri.EscapeDataString(key) + "&maxPoints=" + PointsPerCurve.ToString(CultureInfo.InvariantCulture));
                byStep[run.Id] = TrackingApiClient.Read<List<DownsampledPoint>>(await client.GetJsonAsync(path, ct));
            }

            curves.Add(Curves(key, byStep, runs));
        }

        return new ReportData(runs, curves, await ModelVersionsAsync(client, runs, ct), time.GetUtcNow());
    }

    /// <summary>
    /// Curves against step; but OpenTelemetry metrics of a run (system metrics such as CPU and memory) are stepped by the
    /// unix second, so they are drawn against seconds since each run started, every run from its own start. A metric
    /// logged without steps (every point at step 0) would be one dot by step, so it too is drawn against seconds since the
    /// run started, from the timestamps of the run's detail history (at most 10,000 points a key), thinned to
    /// <see cref="PointsPerCurve"/>.
    /// </summary>
    internal static MetricCurves Curves(string key, Dictionary<string, IReadOnlyList<DownsampledPoint>> byStep, IReadOnlyList<RunDetail> runs)
    {
        if (ClockStepped(byStep, runs))
        {
            return new MetricCurves(key, runs.Where(r => byStep.ContainsKey(r.Id)).ToDictionary(
                r => r.Id,
                r => (IReadOnlyList<ChartPoint>)byStep[r.Id].Select(p => new ChartPoint((DateTimeOffset.FromUnixTimeSeconds(p.Step) - r.StartTime).TotalSeconds, p.Value)).ToList(),
                StringComparer.Ordinal), ByTime: true);
        }

        var stepless = byStep.Values.All(points => points.Select(p => p.Step).Distinct().Count() <= 1)
            && runs.Any(r => r.History.TryGetValue(key, out var history) && history.Count > 1);
        if (!stepless)
        {
            return new MetricCurves(key, byStep.ToDictionary(p => p.Key, p => (IReadOnlyList<ChartPoint>)p.Value.Select(d => new ChartPoint(d.Step, d.Value)).ToList(), StringComparer.Ordinal));
        }

        var byTime = new Dictionary<string, IReadOnlyList<ChartPoint>>(StringComparer.Ordinal);
        foreach (var run in runs.Where(r => byStep.ContainsKey(r.Id)))
        {
            var history = run.History.TryGetValue(key, out var points) ? points.OrderBy(p => p.Timestamp).ToList() : [];
            var stride = Math.Max(1, (history.Count + PointsPerCurve - 1) / PointsPerCurve);
            byTime[run.Id] = history.Where((_, i) => i % stride == 0 || i == history.Count - 1)
                .Select(p => new ChartPoint((p.Timestamp - run.StartTime).TotalSeconds, p.Value)).ToList();
        }

        return new MetricCurves(key, byTime, ByTime: true);
    }

    /// <summary>
    /// Whether every point's step is a unix second within its run's time (a minute's slack either side): no training loop
    /// counts to 1.7 billion, so such steps are the clock of an OpenTelemetry metric, not a step.
    /// </summary>
    private static bool ClockStepped(Dictionary<string, IReadOnlyList<DownsampledPoint>> byStep, IReadOnlyList<RunDetail> runs) =>
        byStep.Values.Any(points => points.Count > 0) && runs.Where(r => byStep.ContainsKey(r.Id)).All(run =>
        {
            var points = byStep[run.Id];
            var from = run.StartTime.ToUnixTimeSeconds() - ClockSlackSeconds;
            var to = (run.EndTime ?? points.Select(p => p.Timestamp).DefaultIfEmpty(run.StartTime).Max()).ToUnixTimeSeconds() + ClockSlackSeconds;
            return points.All(p => p.Step >= from && p.Step <= to);
        });

    /// <summary>The registered versions whose run is one of <paramref name="runs"/>, by model name and version.</summary>
    private static async Task<List<ReportModelVersion>> ModelVersionsAsync(TrackingApiClient client, IReadOnlyList<RunDetail> runs, CancellationToken ct)
    {
        var ids = runs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var found = new List<ReportModelVersion>();
        foreach (var model in TrackingApiClient.Read<List<ModelSummary>>(await client.GetJsonAsync("api/models", ct)).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var detail = TrackingApiClient.Read<ModelDetail>(await client.GetJsonAsync(ApiPaths.Model(model.Name), ct));
            foreach (var version in detail.Versions.Where(v => ids.Contains(v.RunId)))
            {
                var number = version.Version.ToString(CultureInfo.InvariantCulture);
                var governed = await client.GetJsonAsync(ApiPaths.Model(model.Name, "/versions/" + number), ct);
                var production = TrackingApiClient.Read<VersionProduction>(await ProductionStatusClient.VersionAsync(client, model.Name, version.Version, ct));
                found.Add(new ReportModelVersion(
                    version,
                    ListOf<string>(governed, "aliases"),
                    ListOf<ApprovalRecord>(governed, "approvals"),
                    ListOf<PromotionRecord>(governed, "promotions"),
                    production));
            }
        }

        return found;
    }

    private static List<T> ListOf<T>(JsonElement answer, string property) =>
        answer.TryGetProperty(property, out var list) ? TrackingApiClient.Read<List<T>>(list) : [];
}
