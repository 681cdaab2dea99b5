namespace Otel.Collector.Sinks.Rows;

/// <summary>The tables the exporter writes, in the order a batch is written.</summary>
internal enum StorageTable
{
    OtelTraces,
    OtelLogs,
    OtelMetricsGauge,
    OtelMetricsSum,
    OtelMetricsHistogram,
    OtelMetricsExpHistogram,
    OtelMetricsSummary,
    MlParams,
    MlTags,
    MlMetrics,
    MlRunLiveness,
    MlDatasets,
    MlArtifacts,

    // Runs after their params and metrics: a run becomes visible only once those of the same batch are stored.
    MlRuns,

    // Appended, never inserted above: the spool stores a table as its number here.
    MlRunCompleteness,

    // Change marks last, after the rows they mark, so a job that sees a mark also sees the change.
    MlRunChanges,

    // The audit trail (docs/audit.md): entries accepted, then the chain the sequencer writes.
    MlAuditPending,
    MlAuditLog,

    // The model registry (docs/registry.md), all seven tables at once so the registry's parts merge without renumbering.
    MlModels,
    MlModelVersions,
    MlModelAliasMoves,
    MlModelGates,
    MlModelApprovals,
    MlModelPromotions,
    MlModelDeployments,

    // Run lifecycle and retention (docs/run-lifecycle.md).
    MlRunLifecycle,
    MlRetentionPolicies,

    // Training baselines (docs/registry.md, "Baselines").
    MlRunBaselines,

    // Drift of serving telemetry against the training baseline (docs/drift.md).
    MlDrift,

    // SLOs (docs/slos.md): definitions as applied, and each SLO's status as the SLO job evaluated it.
    MlSloDefinitions,
    MlSloStatus,

    // Cost of ended runs at the current prices (docs/linkage-and-cost.md).
    MlRunCosts,

    // Serving increments kept by the serving-increments job (docs/drift.md): minutes and hours, then the job's
    // progress last, so a reader that sees the progress also sees the rows it covers.
    MlServingIncrements,
    MlServingIncrementHours,
    MlServingIncrementsProgress,
}

internal static class StorageTableNames
{
    public static string Name(this StorageTable table) => table switch
    {
        StorageTable.OtelTraces => "otel_traces",
        StorageTable.OtelLogs => "otel_logs",
        StorageTable.OtelMetricsGauge => "otel_metrics_gauge",
        StorageTable.OtelMetricsSum => "otel_metrics_sum",
        StorageTable.OtelMetricsHistogram => "otel_metrics_histogram",
        StorageTable.OtelMetricsExpHistogram => "otel_metrics_exp_histogram",
        StorageTable.OtelMetricsSummary => "otel_metrics_summary",
        StorageTable.MlParams => "ml_params",
        StorageTable.MlTags => "ml_tags",
        StorageTable.MlMetrics => "ml_metrics",
        StorageTable.MlRunLiveness => "ml_run_liveness",
        StorageTable.MlDatasets => "ml_datasets",
        StorageTable.MlArtifacts => "ml_artifacts",
        StorageTable.MlRuns => "ml_runs",
        StorageTable.MlRunCompleteness => "ml_run_completeness",
        StorageTable.MlRunChanges => "ml_run_changes",
        StorageTable.MlAuditPending => "ml_audit_pending",
        StorageTable.MlAuditLog => "ml_audit_log",
        StorageTable.MlModels => "ml_models",
        StorageTable.MlModelVersions => "ml_model_versions",
        StorageTable.MlModelAliasMoves => "ml_model_alias_moves",
        StorageTable.MlModelGates => "ml_model_gates",
        StorageTable.MlModelApprovals => "ml_model_approvals",
        StorageTable.MlModelPromotions => "ml_model_promotions",
        StorageTable.MlModelDeployments => "ml_model_deployments",
        StorageTable.MlRunLifecycle => "ml_run_lifecycle",
        StorageTable.MlRetentionPolicies => "ml_retention_policies",
        StorageTable.MlRunBaselines => "ml_run_baselines",
        StorageTable.MlDrift => "ml_drift",
        StorageTable.MlSloDefinitions => "ml_slo_definitions",
        StorageTable.MlSloStatus => "ml_slo_status",
        StorageTable.MlRunCosts => "ml_run_costs",
        StorageTable.MlServingIncrements => "ml_serving_increments",
        StorageTable.MlServingIncrementHours => "ml_serving_increment_hours",
        StorageTable.MlServingIncrementsProgress => "ml_serving_increments_progress",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };
}
