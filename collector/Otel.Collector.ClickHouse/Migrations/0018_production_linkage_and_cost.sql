-- Production linkage and cost (issue 10, parts 6 and 7). See docs/linkage-and-cost.md.
-- Statements end with a semicolon at the end of a line.

-- Deployments seen in serving telemetry: one row per model, version, service, environment and the run id the service
-- stamped on its resource. Kept by a view chained on ml_serving_minutes (migration 0014, itself kept by views on the
-- raw metric tables), so listing deployments reads these few rows, never the raw telemetry. FirstSeen is the start of
-- the first minute with a point, LastSeen the newest point's time. Rows of one deployment merge by min and max.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_deployments}}{{cluster}} (
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    ServiceName LowCardinality(String),
    Environment LowCardinality(String),
    RunId String,
    FirstSeen SimpleAggregateFunction(min, DateTime64(9, 'UTC')),
    LastSeen SimpleAggregateFunction(max, DateTime64(9, 'UTC'))
) ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (ModelName, ModelVersion, ServiceName, Environment, RunId);
{{distributed:ml_serving_deployments}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_serving_deployments_mv{{cluster}} TO {{local:ml_serving_deployments}}
AS SELECT
    ModelName,
    ModelVersion,
    ServiceName,
    toString(Environment) AS Environment,
    toString(RunId) AS RunId,
    min(toDateTime64(Minute, 9, 'UTC')) AS FirstSeen,
    max(LastTime) AS LastSeen
FROM {{local:ml_serving_minutes}}
WHERE ModelName != ''
GROUP BY ModelName, ModelVersion, ServiceName, Environment, RunId;

-- Which serving instances ran a model version in which minute, with the resources they said they ran on: the input of
-- serving cost (instance-hours x hourly price). ml_serving_minutes keeps no resource attributes, so this view reads
-- the standard request-duration histogram directly, once per insert, like the views of migration 0014. An instance is
-- its service.instance.id, else its host.name, else its resource's hash.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_instance_minutes}}{{cluster}} (
    Minute DateTime('UTC'),
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    ServiceName LowCardinality(String),
    Environment LowCardinality(String),
    Instance String,
    HostType SimpleAggregateFunction(any, String),
    CloudProvider SimpleAggregateFunction(any, String),
    CloudRegion SimpleAggregateFunction(any, String),
    GpuModel SimpleAggregateFunction(any, String),
    GpuCount SimpleAggregateFunction(max, UInt32)
) ENGINE = {{engine:AggregatingMergeTree()}}
PARTITION BY toDate(Minute)
ORDER BY (ModelName, ModelVersion, ServiceName, Environment, Instance, Minute);
{{distributed:ml_serving_instance_minutes}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_serving_instance_minutes_mv{{cluster}} TO {{local:ml_serving_instance_minutes}}
AS SELECT
    toStartOfMinute(TimeUnix) AS Minute,
    if(ResourceAttributes['ml.model.name'] != '', ResourceAttributes['ml.model.name'], Attributes['ml.model.name']) AS ModelName,
    if(ResourceAttributes['ml.model.version'] != '', ResourceAttributes['ml.model.version'], Attributes['ml.model.version']) AS ModelVersion,
    ServiceName,
    if(ResourceAttributes['deployment.environment.name'] != '', ResourceAttributes['deployment.environment.name'],
       ResourceAttributes['deployment.environment']) AS Environment,
    multiIf(ResourceAttributes['service.instance.id'] != '', ResourceAttributes['service.instance.id'],
            ResourceAttributes['host.name'] != '', ResourceAttributes['host.name'],
            hex(cityHash64(ResourceAttributes))) AS Instance,
    any(ResourceAttributes['host.type']) AS HostType,
    any(ResourceAttributes['cloud.provider']) AS CloudProvider,
    any(ResourceAttributes['cloud.region']) AS CloudRegion,
    any(ResourceAttributes['ml.gpu.model']) AS GpuModel,
    max(toUInt32OrZero(ResourceAttributes['ml.gpu.count'])) AS GpuCount
FROM {{local:otel_metrics_histogram}}
WHERE MetricName = 'http.server.request.duration'
GROUP BY Minute, ModelName, ModelVersion, ServiceName, Environment, Instance
HAVING ModelName != '';

-- Cost of each ended run at the prices of one price file (serve --prices), for dashboards. Written by the run-cost job
-- (docs/jobs.md) for runs that have no row at the current file's digest yet, so a new price file recomputes every run
-- and a replay or a second pass adds nothing: the newest ComputedAt of a run wins. Cost is NULL when the run's
-- resources have no price; Reason then says what had none.
CREATE TABLE IF NOT EXISTS {{local:ml_run_costs}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    StartTime DateTime64(9, 'UTC'),
    EndTime DateTime64(9, 'UTC'),
    DurationSeconds Float64,
    HourlyPrice Nullable(Float64),
    Cost Nullable(Float64),
    Currency LowCardinality(String),
    Reason String,
    PricesDigest String,
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
ORDER BY RunId
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_run_costs}};
