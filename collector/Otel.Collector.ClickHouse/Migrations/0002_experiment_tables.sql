-- Experiment tables, derived by the collector from the same OTLP data (wire contract v1).
-- Timestamps are UTC. Statements end with a semicolon at the end of a line.

-- One logical row per run; the row with the highest Version wins. Version = priority << 62 | time
-- in unix nanoseconds, where priority 1 marks a terminal status reported by the run itself
-- (FINISHED, FAILED, KILLED) and 0 a live state (RUNNING, or LOST marked by the collector), so that
-- a late or replayed start never resurrects a finished run and a LOST mark beats an older start.
CREATE TABLE IF NOT EXISTS {{local:ml_runs}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    RunName String,
    ParentRunId String,
    Status LowCardinality(String),
    StatusMessage String,
    StartTime DateTime64(9, 'UTC'),
    EndTime Nullable(DateTime64(9, 'UTC')),
    ServiceName LowCardinality(String),
    TraceId String,
    Provenance Map(LowCardinality(String), String),
    ReceivedAt DateTime64(3, 'UTC'),
    Version UInt64
) ENGINE = {{engine:ReplacingMergeTree(Version)}}
ORDER BY RunId;
{{distributed:ml_runs}};

-- When each run last showed a sign of life (any span carrying its id); drives LOST detection.
CREATE TABLE IF NOT EXISTS {{local:ml_run_liveness}}{{cluster}} (
    RunId String,
    LastSeen DateTime64(9, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(LastSeen)}}
ORDER BY RunId;
{{distributed:ml_run_liveness}};

CREATE TABLE IF NOT EXISTS {{local:ml_params}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    Key String,
    Value String,
    ValueType LowCardinality(String)
) ENGINE = {{engine:ReplacingMergeTree()}}
ORDER BY (RunId, Key);
{{distributed:ml_params}};

CREATE TABLE IF NOT EXISTS {{local:ml_tags}}{{cluster}} (
    RunId String,
    Key String,
    Value String,
    UpdatedAt DateTime64(9, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY (RunId, Key);
{{distributed:ml_tags}};

-- Lossless metric history: every logged (key, value, step, timestamp).
CREATE TABLE IF NOT EXISTS {{local:ml_metrics}}{{cluster}} (
    RunId String CODEC(ZSTD(1)),
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Step Int64 CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Timestamp DateTime64(9, 'UTC') CODEC(Delta, ZSTD(1)),
    Source LowCardinality(String)
) ENGINE = {{engine:MergeTree()}}
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (RunId, Key, Step, Timestamp);
{{distributed:ml_metrics}};

-- Pre-aggregated per-run metric summary for leaderboards: latest (by step, then time), min, max, count.
CREATE TABLE IF NOT EXISTS {{local:ml_metric_summary}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Latest AggregateFunction(argMax, Float64, Tuple(Int64, DateTime64(9, 'UTC'))),
    LastStep SimpleAggregateFunction(max, Int64),
    MinValue SimpleAggregateFunction(min, Float64),
    MaxValue SimpleAggregateFunction(max, Float64),
    Count SimpleAggregateFunction(sum, UInt64)
) ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (Experiment, Key, RunId);
{{distributed:ml_metric_summary}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_metric_summary_mv{{cluster}} TO {{local:ml_metric_summary}}
AS SELECT
    RunId,
    Experiment,
    Key,
    argMaxState(Value, (Step, Timestamp)) AS Latest,
    max(Step) AS LastStep,
    min(Value) AS MinValue,
    max(Value) AS MaxValue,
    toUInt64(count()) AS Count
FROM {{local:ml_metrics}}
GROUP BY RunId, Experiment, Key;
