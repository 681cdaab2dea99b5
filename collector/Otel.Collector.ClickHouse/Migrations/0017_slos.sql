-- SLOs and burn rates (issue 10, part 5). See docs/slos.md.
-- Statements end with a semicolon at the end of a line.

-- SLO definitions, one row per apply of an SLO (`slo apply FILE`, or `serve --slos FILE` at start when the file changed
-- one). Definition is the SLO as JSON (SloDefinition in the collector). The row with the newest UpdatedAt per name wins.
CREATE TABLE IF NOT EXISTS {{local:ml_slo_definitions}}{{cluster}} (
    Name String,
    Definition String,
    Source String,
    UpdatedBy String,
    UpdatedAt DateTime64(3, 'UTC'),
    AuditEntryId String
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY Name
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_slo_definitions}};

-- The SLI fallback for services that have server spans but no http.server.request.duration histogram: server spans
-- per service, model, route and minute, so an evaluation reads minutes, never raw spans. Within holds, for each bound
-- of Bounds (OpenTelemetry's default http.server.request.duration bounds), how many spans took at most that long, so a
-- latency SLI at a bound is one array element. Errors: status code >= 500, or, with no status code, error.type set or
-- the span's status Error.
CREATE TABLE IF NOT EXISTS {{local:ml_server_span_minutes}}{{cluster}} (
    Minute DateTime('UTC'),
    ServiceName LowCardinality(String),
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    Route String,
    Bounds SimpleAggregateFunction(any, Array(Float64)),
    Count SimpleAggregateFunction(sum, UInt64),
    Errors SimpleAggregateFunction(sum, UInt64),
    Within AggregateFunction(sumForEach, Array(UInt64))
) ENGINE = {{engine:AggregatingMergeTree()}}
PARTITION BY toDate(Minute)
ORDER BY (ServiceName, ModelName, ModelVersion, Route, Minute);
{{distributed:ml_server_span_minutes}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_server_span_minutes_mv{{cluster}} TO {{local:ml_server_span_minutes}}
AS SELECT
    toStartOfMinute(Timestamp) AS Minute,
    ServiceName,
    if(ResourceAttributes['ml.model.name'] != '', ResourceAttributes['ml.model.name'], SpanAttributes['ml.model.name']) AS ModelName,
    if(ResourceAttributes['ml.model.version'] != '', ResourceAttributes['ml.model.version'], SpanAttributes['ml.model.version']) AS ModelVersion,
    SpanAttributes['http.route'] AS Route,
    any([0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]) AS Bounds,
    count() AS Count,
    countIf(if(SpanAttributes['http.response.status_code'] != '',
               toUInt16OrZero(SpanAttributes['http.response.status_code']) >= 500,
               SpanAttributes['error.type'] != '' OR StatusCode = 'Error')) AS Errors,
    sumForEachState(arrayMap(bound -> toUInt64(Duration <= bound * 1e9),
                             [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10])) AS Within
FROM {{local:otel_traces}}
WHERE SpanKind = 'Server'
GROUP BY Minute, ServiceName, ModelName, ModelVersion, Route;

-- Each SLO's status as the SLO job evaluated it, one row per SLO and evaluation time (the job's interval, floored), so
-- a replayed or repeated evaluation replaces its row instead of adding one. Dashboards and alert rules read the newest
-- row per SLO. Burn rates are error rate / (1 - objective) over each window; Alert is page, ticket or none.
CREATE TABLE IF NOT EXISTS {{local:ml_slo_status}}{{cluster}} (
    Name String,
    EvaluatedAt DateTime('UTC'),
    Model String,
    Service String,
    Route String,
    Kind LowCardinality(String),
    Objective Float64,
    Threshold Nullable(Float64),
    Source LowCardinality(String),
    Events UInt64,
    Sli Nullable(Float64),
    ErrorBudgetRemaining Float64,
    Burn5m Float64,
    Burn30m Float64,
    Burn1h Float64,
    Burn2h Float64,
    Burn6h Float64,
    Burn1d Float64,
    Burn3d Float64,
    Alert LowCardinality(String),
    Message String
) ENGINE = {{engine:ReplacingMergeTree()}}
PARTITION BY toYYYYMM(EvaluatedAt)
ORDER BY (Name, EvaluatedAt)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_slo_status}};
