namespace Otel.Collector.ClickHouse.Schema;

internal sealed partial class StorageSchema
{
    /// <summary>
    /// Every table of the product and how a cluster spreads its rows over the shards. A key is computed from the
    /// row alone, so a replayed insert sends each row to the shard that already has it and its token deduplicates it
    /// there; run data is sharded by run and registry data by model name, so a run's points, summary and rollup are on one shard and <c>FINAL</c> and
    /// merges of aggregate states see every copy of a row.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShardingKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "version",
        ["otel_traces"] = "cityHash64(TraceId)",
        ["otel_traces_trace_id_ts"] = "cityHash64(TraceId)",
        ["otel_logs"] = "cityHash64(ServiceName, TraceId, Timestamp)",
        ["otel_metrics_gauge"] = "cityHash64(ServiceName, MetricName, Attributes)",
        ["otel_metrics_sum"] = "cityHash64(ServiceName, MetricName, Attributes)",
        ["otel_metrics_histogram"] = "cityHash64(ServiceName, MetricName, Attributes)",
        ["otel_metrics_exp_histogram"] = "cityHash64(ServiceName, MetricName, Attributes)",
        ["otel_metrics_summary"] = "cityHash64(ServiceName, MetricName, Attributes)",
        ["ml_runs"] = "cityHash64(RunId)",
        ["ml_run_liveness"] = "cityHash64(RunId)",
        ["ml_params"] = "cityHash64(RunId)",
        ["ml_tags"] = "cityHash64(RunId)",
        ["ml_metrics"] = "cityHash64(RunId)",
        ["ml_metrics_replacing"] = "cityHash64(RunId)",
        ["ml_metric_summary"] = "cityHash64(RunId)",
        ["ml_metric_rollup"] = "cityHash64(RunId)",
        ["ml_datasets"] = "cityHash64(RunId)",
        ["ml_artifacts"] = "cityHash64(RunId)",
        ["ml_run_completeness"] = "cityHash64(RunId)",
        ["ml_run_changes"] = "cityHash64(RunId)",
        ["ml_job_leases"] = "cityHash64(Job)",
        ["ml_audit_pending"] = "cityHash64(EntryId)",
        ["ml_audit_log"] = "cityHash64(Seq)",
        ["ml_models"] = "cityHash64(Name)",
        ["ml_model_versions"] = "cityHash64(Name)",
        ["ml_model_alias_moves"] = "cityHash64(Name)",
        ["ml_model_gates"] = "cityHash64(Name)",
        ["ml_model_approvals"] = "cityHash64(Name)",
        ["ml_model_promotions"] = "cityHash64(Name)",
        ["ml_model_deployments"] = "cityHash64(Name)",
        ["ml_run_lifecycle"] = "cityHash64(RunId)",
        ["ml_retention_policies"] = "cityHash64(Experiment)",
        ["ml_serving_minutes"] = "cityHash64(ServiceName, MetricName, Feature)",
        ["ml_run_baselines"] = "cityHash64(RunId)",
        ["ml_drift"] = "cityHash64(ModelName)",
        ["ml_slo_definitions"] = "cityHash64(Name)",
        ["ml_server_span_minutes"] = "cityHash64(ServiceName, ModelName, Route)",
        ["ml_slo_status"] = "cityHash64(Name)",
        ["ml_serving_deployments"] = "cityHash64(ModelName)",
        ["ml_serving_instance_minutes"] = "cityHash64(ModelName)",
        ["ml_run_costs"] = "cityHash64(RunId)",
        ["ml_serving_increments"] = "cityHash64(ServiceName, MetricName, Feature)",
        ["ml_serving_increment_hours"] = "cityHash64(ServiceName, MetricName, Feature)",
        ["ml_serving_increments_progress"] = "cityHash64(Job)",
        ["ml_serving_arrivals"] = "cityHash64(EarliestMinute)",
    };
}
