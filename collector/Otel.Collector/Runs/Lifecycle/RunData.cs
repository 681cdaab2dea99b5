namespace Otel.Collector.Runs.Lifecycle;

/// <summary>Where a run's rows live, for purge and retention: every experiment table, and the raw OTel tables with their run-id column and time.</summary>
internal static class RunData
{
    /// <summary>
    /// Experiment tables keyed by RunId, in purge order: derived tables first, <c>ml_runs</c> next to last and the
    /// lifecycle last, so an interrupted purge still finds the run (deleted, in <c>ml_run_lifecycle</c>) on its next pass.
    /// Never here: <c>ml_model_*</c> (a run that backs a version is never purged) and the audit tables (append-only).
    /// </summary>
    public static readonly IReadOnlyList<string> ExperimentTables =
    [
        "ml_metrics", "ml_metric_summary", "ml_metric_rollup", "ml_params", "ml_tags", "ml_datasets", "ml_artifacts",
        "ml_run_liveness", "ml_run_completeness", "ml_run_changes", "ml_runs", "ml_run_lifecycle",
    ];

    /// <summary>
    /// Raw OTel rows of a run: those whose own attributes (span, log record, data point) carry its <c>ml.run.id</c> and
    /// whose service is the run's. Rows of other services that name the run (a serving process linking to its
    /// training run) are production telemetry and stay.
    /// </summary>
    public static readonly IReadOnlyList<RawTable> RawTables =
    [
        new("otel_traces", "SpanAttributes['ml.run.id']", "Timestamp"),
        new("otel_logs", "LogAttributes['ml.run.id']", "Timestamp"),
        new("otel_metrics_gauge", "Attributes['ml.run.id']", "TimeUnix"),
        new("otel_metrics_sum", "Attributes['ml.run.id']", "TimeUnix"),
        new("otel_metrics_histogram", "Attributes['ml.run.id']", "TimeUnix"),
        new("otel_metrics_exp_histogram", "Attributes['ml.run.id']", "TimeUnix"),
        new("otel_metrics_summary", "Attributes['ml.run.id']", "TimeUnix"),
    ];
}

/// <summary>A raw OTel table, the expression of a row's run id, and its time column.</summary>
internal sealed record RawTable(string Table, string RunIdColumn, string TimeColumn);
