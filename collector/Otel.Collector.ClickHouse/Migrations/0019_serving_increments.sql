-- Serving increments kept, not recomputed (issue 10, drift and SLO speed). See docs/drift.md, "Stored increments".
-- Statements end with a semicolon at the end of a line.
--
-- Drift and SLO readers sum what each serving series added per minute over windows of 5 minutes to 30 days. Turning
-- the per-minute states of ml_serving_minutes (migration 0014) into increments takes a window function per series and
-- minute (ServingMinutesSql.Increments), too slow to redo at every evaluation over a day. The serving-increments job
-- (ServingIncrementsJob) does it once and writes the increments here through the spool; readers add hours, edge
-- minutes and the tail the job has not covered yet (ServingIncrementsSql).

-- One row per series and minute: what the series added in that minute (Increase: measurements; Increases: bucket
-- counts, empty for counters; SumIncrease: the sum), with the series' dimensions. The job recomputes recent minutes at
-- every run (late points, and any minute a late arrival touched), so a row computed again replaces the earlier one at
-- merge, the newest ComputedAt winning: readers take FINAL. The hour comes before the series in the key so that a
-- reader of a few edge minutes skips the rest of the day.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_increments}}{{cluster}} (
    Minute DateTime('UTC'),
    MetricName LowCardinality(String),
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    ServiceName LowCardinality(String),
    Feature String,
    SeriesKey UInt64,
    Environment LowCardinality(String),
    RunId String,
    Category String,
    Route String,
    Method LowCardinality(String),
    StatusCode LowCardinality(String),
    Bounds Array(Float64),
    Increase UInt64,
    Increases Array(UInt64),
    SumIncrease Float64,
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
PARTITION BY toDate(Minute)
ORDER BY (MetricName, ModelName, ModelVersion, toStartOfHour(Minute), ServiceName, Feature, SeriesKey, Minute)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_serving_increments}};

-- The same per series and clock hour, for the long windows (1d drift, 1d and 3d burn rates, 30-day SLO windows): the
-- job writes an hour once it is older than its recompute horizon, and again when a late arrival touches it.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_increment_hours}}{{cluster}} (
    Hour DateTime('UTC'),
    MetricName LowCardinality(String),
    ModelName LowCardinality(String),
    ModelVersion LowCardinality(String),
    ServiceName LowCardinality(String),
    Feature String,
    SeriesKey UInt64,
    Environment LowCardinality(String),
    RunId String,
    Category String,
    Route String,
    Method LowCardinality(String),
    StatusCode LowCardinality(String),
    Bounds Array(Float64),
    Increase UInt64,
    Increases Array(UInt64),
    SumIncrease Float64,
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
PARTITION BY toYYYYMM(Hour)
ORDER BY (MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Hour)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_serving_increment_hours}};

-- How far the job has got: after a run, every minute before MinutesThrough and every hour before HoursThrough holds
-- what had arrived by SnapshotAt (ClickHouse's clock). Written in the same spooled batch as the rows, after them. The
-- newest row (by ComputedAt) is the job's state, for readers and for the next lease holder.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_increments_progress}}{{cluster}} (
    Job LowCardinality(String),
    SnapshotAt DateTime64(3, 'UTC'),
    MinutesThrough DateTime('UTC'),
    HoursThrough DateTime('UTC'),
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
ORDER BY (Job, ComputedAt)
TTL toDateTime(ComputedAt) + INTERVAL 7 DAY
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_serving_increments_progress}};

-- When serving telemetry arrived and the earliest minute it touched, one row per insert into ml_serving_minutes. Late
-- points (a backfill, a spool replayed after an outage) land in minutes the job has already written; this tells the
-- job to recompute from that minute, and readers to compute from it live until the job has. Kept 2 days.
CREATE TABLE IF NOT EXISTS {{local:ml_serving_arrivals}}{{cluster}} (
    ArrivedAt DateTime64(3, 'UTC'),
    EarliestMinute DateTime('UTC')
) ENGINE = {{engine:MergeTree()}}
ORDER BY ArrivedAt
TTL toDateTime(ArrivedAt) + INTERVAL 2 DAY;
{{distributed:ml_serving_arrivals}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_serving_arrivals_mv{{cluster}} TO {{local:ml_serving_arrivals}}
AS SELECT
    now64(3, 'UTC') AS ArrivedAt,
    min(Minute) AS EarliestMinute
FROM {{local:ml_serving_minutes}}
HAVING count() > 0;
