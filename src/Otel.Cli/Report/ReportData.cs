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

/// <summary>One metric key's downsampled history for each run that logged it (runs without the key are absent).</summary>
internal sealed record MetricCurves(string Key, IReadOnlyDictionary<string, IReadOnlyList<DownsampledPoint>> ByRun);

/// <summary>A registered version one of the runs produced: its approvals, promotions, aliases and production status now.</summary>
internal sealed record ReportModelVersion(
    ModelVersion Version,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ApprovalRecord> Approvals,
    IReadOnlyList<PromotionRecord> Promotions,
    VersionProduction Production);
