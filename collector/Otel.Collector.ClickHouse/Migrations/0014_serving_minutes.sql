-- Production telemetry, pre-aggregated per minute (issue 10). See docs/production.md.
-- Statements end with a semicolon at the end of a line.
--
-- Drift and SLOs read serving histograms and counters over windows from 5 minutes to 3 days. Scanning the raw
-- otel_metrics_* rows at every evaluation would grow with traffic, so materialized views keep one row per series and
-- minute here, and readers compute window increments from these rows (ServingMinutesSql in the collector).
--
-- Both temporalities are kept: a delta point adds its counts to the minute (Delta* columns); a cumulative point
-- replaces the minute's last value (Last* columns, the newest TimeUnix wins) with its start time, so a reader can
-- take differences between consecutive minutes and see counter resets (a new start time, or a smaller count).
--
-- Which rows: the standard http.server.request.duration histogram of OpenTelemetry's HTTP server instrumentation (for
-- SLOs, with or without ml.model.* attributes) and every ml.serving.* instrument (feature and prediction
-- distributions, docs/semantic-conventions.md). The model comes from the resource (ml.model.name, ml.model.version,
-- ml.run.id), or from the point's attributes when the resource has none.
--
-- SeriesKey identifies one OTLP stream (resource, scope, name, attributes and bucket bounds). A stream always lands
-- on one shard (the raw tables shard by service, name and attributes), so the per-minute rows of a stream merge there.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_minutes}}{{cluster}} (
    Minute DateTime('UTC'),
    MetricName LowCardinality(String),
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    ServiceName LowCardinality(String),
    Feature String,
    SeriesKey UInt64,
    Environment SimpleAggregateFunction(any, LowCardinality(String)),
    RunId SimpleAggregateFunction(any, String),
    Category SimpleAggregateFunction(any, String),
    Route SimpleAggregateFunction(any, String),
    Method SimpleAggregateFunction(any, LowCardinality(String)),
    StatusCode SimpleAggregateFunction(any, LowCardinality(String)),
    Temporality SimpleAggregateFunction(any, Int8),
    Bounds SimpleAggregateFunction(any, Array(Float64)),
    LastTime SimpleAggregateFunction(max, DateTime64(9, 'UTC')),
    DeltaCounts AggregateFunction(sumForEach, Array(UInt64)),
    DeltaCount SimpleAggregateFunction(sum, UInt64),
    DeltaSum SimpleAggregateFunction(sum, Float64),
    LastCounts AggregateFunction(argMax, Array(UInt64), DateTime64(9)),
    LastCount AggregateFunction(argMax, UInt64, DateTime64(9)),
    LastSum AggregateFunction(argMax, Float64, DateTime64(9)),
    LastStart AggregateFunction(argMax, DateTime64(9), DateTime64(9))
) ENGINE = {{engine:AggregatingMergeTree()}}
PARTITION BY toDate(Minute)
ORDER BY (MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Minute);
{{distributed:ml_serving_minutes}};

-- Histograms: bucket counts per minute. AggregationTemporality 1 is delta, 2 cumulative (OTLP).
CREATE MATERIALIZED VIEW IF NOT EXISTS ml_serving_minutes_histogram_mv{{cluster}} TO {{local:ml_serving_minutes}}
AS SELECT
    toStartOfMinute(TimeUnix) AS Minute,
    MetricName,
    if(ResourceAttributes['ml.model.name'] != '', ResourceAttributes['ml.model.name'], Attributes['ml.model.name']) AS ModelName,
    if(ResourceAttributes['ml.model.version'] != '', ResourceAttributes['ml.model.version'], Attributes['ml.model.version']) AS ModelVersion,
    ServiceName,
    if(Attributes['ml.feature.name'] != '', Attributes['ml.feature.name'], Attributes['ml.prediction.name']) AS Feature,
    cityHash64(ResourceAttributes, ScopeName, MetricName, Attributes, ExplicitBounds) AS SeriesKey,
    any(if(ResourceAttributes['deployment.environment.name'] != '', ResourceAttributes['deployment.environment.name'],
           ResourceAttributes['deployment.environment'])) AS Environment,
    any(if(ResourceAttributes['ml.run.id'] != '', ResourceAttributes['ml.run.id'], Attributes['ml.run.id'])) AS RunId,
    any('') AS Category,
    any(Attributes['http.route']) AS Route,
    any(Attributes['http.request.method']) AS Method,
    any(Attributes['http.response.status_code']) AS StatusCode,
    any(toInt8(AggregationTemporality)) AS Temporality,
    any(ExplicitBounds) AS Bounds,
    max(TimeUnix) AS LastTime,
    sumForEachStateIf(BucketCounts, AggregationTemporality = 1) AS DeltaCounts,
    sumIf(Count, AggregationTemporality = 1) AS DeltaCount,
    sumIf(Sum, AggregationTemporality = 1) AS DeltaSum,
    argMaxState(BucketCounts, TimeUnix) AS LastCounts,
    argMaxState(Count, TimeUnix) AS LastCount,
    argMaxState(Sum, TimeUnix) AS LastSum,
    argMaxState(StartTimeUnix, TimeUnix) AS LastStart
FROM {{local:otel_metrics_histogram}}
WHERE MetricName = 'http.server.request.duration' OR startsWith(MetricName, 'ml.serving.')
GROUP BY Minute, MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey;

-- Counters (category counts): the point's value is the count; there are no buckets.
CREATE MATERIALIZED VIEW IF NOT EXISTS ml_serving_minutes_sum_mv{{cluster}} TO {{local:ml_serving_minutes}}
AS SELECT
    toStartOfMinute(TimeUnix) AS Minute,
    MetricName,
    if(ResourceAttributes['ml.model.name'] != '', ResourceAttributes['ml.model.name'], Attributes['ml.model.name']) AS ModelName,
    if(ResourceAttributes['ml.model.version'] != '', ResourceAttributes['ml.model.version'], Attributes['ml.model.version']) AS ModelVersion,
    ServiceName,
    if(Attributes['ml.feature.name'] != '', Attributes['ml.feature.name'], Attributes['ml.prediction.name']) AS Feature,
    cityHash64(ResourceAttributes, ScopeName, MetricName, Attributes) AS SeriesKey,
    any(if(ResourceAttributes['deployment.environment.name'] != '', ResourceAttributes['deployment.environment.name'],
           ResourceAttributes['deployment.environment'])) AS Environment,
    any(if(ResourceAttributes['ml.run.id'] != '', ResourceAttributes['ml.run.id'], Attributes['ml.run.id'])) AS RunId,
    any(if(Attributes['ml.feature.category'] != '', Attributes['ml.feature.category'], Attributes['ml.prediction.category'])) AS Category,
    any('') AS Route,
    any('') AS Method,
    any('') AS StatusCode,
    any(toInt8(AggregationTemporality)) AS Temporality,
    any(CAST([], 'Array(Float64)')) AS Bounds,
    max(TimeUnix) AS LastTime,
    sumForEachStateIf(CAST([], 'Array(UInt64)'), AggregationTemporality = 1) AS DeltaCounts,
    sumIf(toUInt64(greatest(Value, 0)), AggregationTemporality = 1) AS DeltaCount,
    sumIf(Value, AggregationTemporality = 1) AS DeltaSum,
    argMaxState(CAST([], 'Array(UInt64)'), TimeUnix) AS LastCounts,
    argMaxState(toUInt64(greatest(Value, 0)), TimeUnix) AS LastCount,
    argMaxState(Value, TimeUnix) AS LastSum,
    argMaxState(StartTimeUnix, TimeUnix) AS LastStart
FROM {{local:otel_metrics_sum}}
WHERE startsWith(MetricName, 'ml.serving.')
GROUP BY Minute, MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey;
