using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Report;

/// <summary>Everything a report shows, gathered from the query API before any HTML is written.</summary>
internal sealed record ReportData(
    IReadOnlyList<RunDetail> Runs,
    IReadOnlyList<MetricCurves> Curves,
    IReadOnlyList<ReportModelVersion> ModelVersions,
    DateTimeOffset GeneratedAt);

/// <summary>
/// One metric key's downsampled history for each run that logged it (runs without the key are absent), against step,
/// or against seconds since each run's start for a metric logged without steps (<see cref="ByTime"/>: system metrics).
/// </summary>
internal sealed record MetricCurves(string Key, IReadOnlyDictionary<string, IReadOnlyList<ChartPoint>> ByRun, bool ByTime = false)
{
    public string XLabel => ByTime ? "seconds since the run started" : "step";
}

/// <summary>A point of a curve: its step (or seconds since the run started) and its value, which may be NaN.</summary>
internal readonly record struct ChartPoint(double X, double Value);

/// <summary>A registered version one of the runs produced: its approvals, promotions, aliases and production status now.</summary>
internal sealed record ReportModelVersion(
    ModelVersion Version,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ApprovalRecord> Approvals,
    IReadOnlyList<PromotionRecord> Promotions,
    VersionProduction Production);
