-- Exactly once as seen by queries (issue 4).
--
-- 1. Spool replays: the collector inserts each spooled range with an insert_deduplication_token, so
--    a range inserted again after a crash is dropped by ClickHouse. Non-replicated MergeTree tables
--    only remember recent tokens when this window is set.
-- 2. Client retries and re-sends carry the same points again in new requests: ml_metrics becomes a
--    ReplacingMergeTree on the point's identity (run, key, step, timestamp), and readers use FINAL or
--    duplicate-insensitive aggregates. Runs, params, tags, datasets and artifacts already replace.

ALTER TABLE otel_traces MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_logs MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_metrics_gauge MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_metrics_sum MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_metrics_histogram MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_metrics_exp_histogram MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE otel_metrics_summary MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_params MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_tags MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_run_liveness MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_datasets MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_artifacts MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE ml_runs MODIFY SETTING non_replicated_deduplication_window = 1000;

-- ml_metrics cannot change engine in place: build the replacing table, copy, swap, and point the
-- summary view at it again.
DROP VIEW IF EXISTS ml_metric_summary_mv;

CREATE TABLE IF NOT EXISTS ml_metrics_replacing (
    RunId String CODEC(ZSTD(1)),
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Step Int64 CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Timestamp DateTime64(9, 'UTC') CODEC(Delta, ZSTD(1)),
    Source LowCardinality(String)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (RunId, Key, Step, Timestamp)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO ml_metrics_replacing SELECT RunId, Experiment, Key, Step, Value, Timestamp, Source FROM ml_metrics;

EXCHANGE TABLES ml_metrics AND ml_metrics_replacing;

DROP TABLE ml_metrics_replacing;

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
