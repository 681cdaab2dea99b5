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

    // Runs last: a run becomes visible only once its params and metrics of the same batch are stored.
    MlRuns,
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
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };
}
