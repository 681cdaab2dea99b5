-- Experiment tables, derived by the collector from the same OTLP data (wire contract v1).
-- Timestamps are UTC. Statements end with a semicolon at the end of a line.

-- One logical row per run; the row with the highest Version wins. Version = priority << 62 | time
-- in unix nanoseconds, where priority 1 marks a terminal status reported by the run itself
-- (FINISHED, FAILED, KILLED) and 0 a live state (RUNNING, or LOST marked by the collector), so that
-- a late or replayed start never resurrects a finished run and a LOST mark beats an older start.
CREATE TABLE IF NOT EXISTS ml_runs (
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
) ENGINE = ReplacingMergeTree(Version)
ORDER BY RunId;

-- When each run last showed a sign of life (any span carrying its id); drives LOST detection.
CREATE TABLE IF NOT EXISTS ml_run_liveness (
    RunId String,
    LastSeen DateTime64(9, 'UTC')
) ENGINE = ReplacingMergeTree(LastSeen)
ORDER BY RunId;

CREATE TABLE IF NOT EXISTS ml_params (
    RunId String,
    Experiment LowCardinality(String),
    Key String,
    Value String,
    ValueType LowCardinality(String)
) ENGINE = ReplacingMergeTree()
ORDER BY (RunId, Key);

CREATE TABLE IF NOT EXISTS ml_tags (
    RunId String,
    Key String,
    Value String,
    UpdatedAt DateTime64(9, 'UTC')
) ENGINE = ReplacingMergeTree(UpdatedAt)
ORDER BY (RunId, Key);

-- Lossless metric history: every logged (key, value, step, timestamp).
CREATE TABLE IF NOT EXISTS ml_metrics (
    RunId String CODEC(ZSTD(1)),
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Step Int64 CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Timestamp DateTime64(9, 'UTC') CODEC(Delta, ZSTD(1)),
    Source LowCardinality(String)
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (RunId, Key, Step, Timestamp);

-- Pre-aggregated per-run metric summary for leaderboards: latest (by step, then time), min, max, count.
CREATE TABLE IF NOT EXISTS ml_metric_summary (
    RunId String,
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Latest AggregateFunction(argMax, Float64, Tuple(Int64, DateTime64(9, 'UTC'))),
    LastStep SimpleAggregateFunction(max, Int64),
    MinValue SimpleAggregateFunction(min, Float64),
    MaxValue SimpleAggregateFunction(max, Float64),
    Count SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree()
ORDER BY (Experiment, Key, RunId);

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_metric_summary_mv TO ml_metric_summary
AS SELECT
    RunId,
    Experiment,
    Key,
    argMaxState(Value, (Step, Timestamp)) AS Latest,
    max(Step) AS LastStep,
    min(Value) AS MinValue,
    max(Value) AS MaxValue,
    toUInt64(count()) AS Count
FROM ml_metrics
GROUP BY RunId, Experiment, Key;
