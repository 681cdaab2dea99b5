using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Jobs;
using Otel.Collector.Runs.Lifecycle;

namespace Otel.Collector.Retention;

/// <summary>
/// Enforces every experiment's retention policy with per-experiment lightweight deletes.
/// Why not ClickHouse TTLs: the tables are shared by every experiment and a TTL expression sees only its own row (no
/// subquery, no join), so it could neither tell one experiment's runs from another's (the experiment lives in
/// <c>ml_runs</c>; raw OTel rows carry only a run id) nor spare held and registered runs, which change after the rows
/// were written. Partition drops fail the same way (partitions are by time, across experiments). A daily-scale policy
/// needs one delete per table per experiment per pass, cheap next to TTL merges, and <c>retention show</c> can count
/// exactly what that delete removes. Each delete is idempotent, so an interrupted pass is finished by the next.
/// </summary>
internal sealed class RetentionJob(RetentionPolicyStore policies, RetentionForecaster forecaster, DirectDeletes deletes,
    UnreferencedArtifacts artifacts, Lazy<IAuditTrail> audit, RetentionOptions options) : IJob
{
    public const string Actor = "system:retention";

    public string Name => "retention";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        foreach (var policy in await policies.ListAsync(null, cancellationToken))
        {
            await EnforceAsync(policy, cancellationToken);
        }
    }

    private async Task EnforceAsync(RetentionPolicy policy, CancellationToken ct)
    {
        // The forecast is taken at the same instant as the cutoffs below, so the audit entry says what this pass removed.
        var forecast = await forecaster.ForecastAsync(policy, ct);
        var blobs = 0;
        if (forecast.Points is { Due: > 0 } points)
        {
            var parameters = RetentionScope.Parameters(policy.Experiment, ToNanos(points.Cutoff));
            await deletes.DeleteAsync("ml_metrics", RetentionScope.PointsDue, parameters, ct);
            await deletes.DeleteAsync("ml_metric_rollup", RetentionScope.RollupDue, parameters, ct);
        }

        if (forecast.Raw is { Due: > 0 } raw)
        {
            var parameters = RetentionScope.Parameters(policy.Experiment, ToNanos(raw.Cutoff));
            foreach (var table in RunData.RawTables)
            {
                await deletes.DeleteAsync(table.Table, RetentionScope.RawDue(table), parameters, ct);
            }
        }

        if (forecast.Artifacts is { Due: > 0 } due)
        {
            var parameters = RetentionScope.Parameters(policy.Experiment, ToNanos(due.Cutoff));
            blobs = await artifacts.DeleteAsync(RetentionScope.ArtifactsDue, parameters, ct);
            await deletes.DeleteAsync("ml_artifacts", RetentionScope.ArtifactsDue, parameters, ct);
        }

        if (forecast.Points?.Due > 0 || forecast.Raw?.Due > 0 || forecast.Artifacts?.Due > 0)
        {
            await audit.Value.RecordAsync(Actor, AuditActions.RetentionEnforced, "experiment:" + policy.Experiment, new JsonObject
            {
                ["points"] = forecast.Points?.Due ?? 0,
                ["raw"] = forecast.Raw?.Due ?? 0,
                ["artifacts"] = forecast.Artifacts?.Due ?? 0,
                ["artifactBlobs"] = blobs,
            }, ct);
        }
    }

    private static long ToNanos(DateTimeOffset value) => (long)Otel.Collector.Time.UnixTime.ToNanos(value);
}
