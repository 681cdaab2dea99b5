using Otel.Collector.ClickHouse;
using Otel.Collector.Runs.Lifecycle;

namespace Otel.Collector.Retention;

/// <summary>
/// The rows a policy covers, as SQL conditions shared by <c>retention show</c> and the job, so the forecast counts
/// exactly what the job then deletes: rows of the experiment's runs (its run rows decide the experiment) older than
/// the cutoff, never of a run under legal hold or backing a registered version. Parameters: experiment, cutoff (unix ns).
/// </summary>
internal static class RetentionScope
{
    /// <summary>Runs of the experiment that retention may touch.</summary>
    public const string Runs = $"""
        SELECT RunId FROM ml_runs FINAL
        WHERE Experiment = {"{experiment:String}"} AND RunId NOT IN ({RunLifecycleSql.ProtectedRunIds})
        """;

    /// <summary>The same runs with their service, to tell their raw rows from other services' (see <see cref="RunData.RawTables"/>).</summary>
    public const string RunsWithService = $"""
        SELECT ServiceName, RunId FROM ml_runs FINAL
        WHERE Experiment = {"{experiment:String}"} AND RunId NOT IN ({RunLifecycleSql.ProtectedRunIds})
        """;

    /// <summary>Runs of the experiment that retention never touches.</summary>
    public const string ProtectedRunCount = $"""
        SELECT count() AS N FROM ml_runs FINAL
        WHERE Experiment = {"{experiment:String}"} AND RunId IN ({RunLifecycleSql.ProtectedRunIds})
        """;

    public const string PointsDue = $"RunId IN ({Runs}) AND Timestamp < fromUnixTimestamp64Nano({{cutoff:Int64}})";

    public const string PointsKept = $"RunId IN ({Runs}) AND Timestamp >= fromUnixTimestamp64Nano({{cutoff:Int64}})";

    /// <summary>Rollup blocks whose every point is due (a block row's LastTime is the newest time of the points it holds).</summary>
    public const string RollupDue = $"RunId IN ({Runs}) AND LastTime < fromUnixTimestamp64Nano({{cutoff:Int64}})";

    public const string ArtifactsDue = $"RunId IN ({Runs}) AND LoggedAt < fromUnixTimestamp64Nano({{cutoff:Int64}})";

    public const string ArtifactsKept = $"RunId IN ({Runs}) AND LoggedAt >= fromUnixTimestamp64Nano({{cutoff:Int64}})";

    public static string RawDue(RawTable table) =>
        $"(ServiceName, {table.RunIdColumn}) IN ({RunsWithService}) AND {table.TimeColumn} < fromUnixTimestamp64Nano({{cutoff:Int64}})";

    public static string RawKept(RawTable table) =>
        $"(ServiceName, {table.RunIdColumn}) IN ({RunsWithService}) AND {table.TimeColumn} >= fromUnixTimestamp64Nano({{cutoff:Int64}})";

    /// <summary>Metric points: what <c>--points-days</c> covers.</summary>
    public static readonly IReadOnlyList<RetentionTarget> Points = [new("ml_metrics", "RunId", "Timestamp", PointsDue, PointsKept)];

    /// <summary>Raw OTel rows of the runs: what <c>--raw-days</c> covers.</summary>
    public static readonly IReadOnlyList<RetentionTarget> Raw =
        [.. RunData.RawTables.Select(t => new RetentionTarget(t.Table, t.RunIdColumn, t.TimeColumn, RawDue(t), RawKept(t)))];

    /// <summary>Artifacts (rows, and blobs no other row names): what <c>--artifact-days</c> covers.</summary>
    public static readonly IReadOnlyList<RetentionTarget> Artifacts = [new("ml_artifacts FINAL", "RunId", "LoggedAt", ArtifactsDue, ArtifactsKept)];

    public static QueryParameters Parameters(string experiment, long cutoffNanos) =>
        new QueryParameters().Add("experiment", experiment).Add("cutoff", cutoffNanos);
}

/// <summary>A table (<c>FROM</c> clause) a policy covers, its run-id and time columns, and the conditions of rows due and kept.</summary>
internal sealed record RetentionTarget(string From, string RunColumn, string TimeColumn, string Due, string Kept);
