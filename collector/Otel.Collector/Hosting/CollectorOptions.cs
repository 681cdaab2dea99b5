using Otel.Collector.Pipeline;
using Otel.Collector.Receivers;
using Otel.Collector.Runs;

namespace Otel.Collector.Hosting;

/// <summary>Everything a collector instance needs; validated all at once by <see cref="CollectorOptionsValidator"/>.</summary>
internal sealed class CollectorOptions
{
    /// <summary>Address to listen on. Default <c>127.0.0.1</c>; <c>0.0.0.0</c> or <c>::</c> for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>OTLP gRPC port. Default 4317; 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 4317;

    /// <summary>OTLP HTTP and query API port. Default 4318; 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 4318;

    /// <summary>Embedded ClickHouse data directory (used when <see cref="ClickHouseUrl"/> is not set). Default <c>./otel-track-data</c>.</summary>
    public string DataPath { get; set; } = "otel-track-data";

    /// <summary>A ClickHouse server to use instead of the embedded one (<c>--clickhouse</c>, <c>OTEL_TRACK_CLICKHOUSE_URL</c>).</summary>
    public string? ClickHouseUrl { get; set; }

    /// <summary>
    /// ClickHouse cluster the tables span (<c>--cluster</c>): replicated tables created <c>ON CLUSTER</c> with a
    /// <c>Distributed</c> table over each (docs/storage.md). Needs <see cref="ClickHouseUrl"/>. Default: not set (one node).
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>ClickHouse database holding every table. Default <c>otel</c>.</summary>
    public string Database { get; set; } = "otel";

    public ExportPipelineOptions Pipeline { get; } = new();

    public LostRunOptions LostRuns { get; } = new();

    public OtlpReceiverOptions Receivers { get; } = new();

    public Provenance.CompletenessOptions Completeness { get; } = new();

    /// <summary>Leases of background jobs, shared with every collector on the same ClickHouse (docs/jobs.md).</summary>
    public Jobs.JobOptions Jobs { get; } = new();

    /// <summary>The audit log's sequencer and the aggregation of denied requests (docs/audit.md).</summary>
    public Audit.AuditOptions Audit { get; } = new();

    /// <summary>
    /// Where artifact bytes are kept: a content-addressed directory (default <c>DATA/artifacts</c>) or an
    /// S3-compatible bucket (<see cref="Artifacts.ArtifactStoreOptions.S3"/>).
    /// </summary>
    public Artifacts.ArtifactStoreOptions Artifacts { get; } = new() { Directory = string.Empty };

    /// <summary>Secret redaction applied before anything is stored (docs/redaction.md).</summary>
    public Redaction.RedactionOptions Redaction { get; } = new();

    /// <summary>When deleted runs are purged (docs/run-lifecycle.md).</summary>
    public Runs.Lifecycle.RunLifecycleOptions Lifecycle { get; } = new();

    /// <summary>How often retention policies are enforced (docs/run-lifecycle.md).</summary>
    public Retention.RetentionOptions Retention { get; } = new();

    /// <summary>SLOs from <c>serve --slos</c> and how often their status is written (docs/slos.md).</summary>
    public Production.Slo.SloOptions Slos { get; } = new();

    /// <summary>API keys, <c>--insecure</c> and TLS (docs/security.md).</summary>
    public Security.SecurityOptions Security { get; } = new();

    /// <summary>The webhook that hears of alias moves and deployments (docs/governance.md). Default: none.</summary>
    public Webhooks.WebhookOptions Webhook { get; } = new();

    /// <summary>
    /// How often the collector stores its own metrics in its <c>otel_metrics_*</c> tables (docs/self-monitoring.md).
    /// Default 10 s; at least 100 ms.
    /// </summary>
    public TimeSpan SelfMetricsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The drift job's interval and the drift thresholds (docs/drift.md).</summary>
    public Production.Drift.DriftOptions Drift { get; } = new();
    /// <summary>Prices for cost per run and serving cost (<c>serve --prices</c>, docs/linkage-and-cost.md).</summary>
    public Production.Cost.CostOptions Cost { get; } = new();

    /// <summary>The read-only ClickHouse-compatible HTTP endpoint for Grafana (<c>serve --sql-port</c>, docs/grafana.md). Default: off.</summary>
    public SqlEndpoint.SqlEndpointOptions SqlEndpoint { get; } = new();

    /// <summary>Clock of the collector. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Minimum level of the collector's own logs. Default Warning.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
