-- Exactly once as seen by queries (issue 4).
--
-- 1. Spool replays: the collector inserts each spooled range with an insert_deduplication_token, so
--    a range inserted again after a crash is dropped by ClickHouse. Non-replicated MergeTree tables
--    only remember recent tokens when this window is set.
-- 2. Client retries and re-sends carry the same points again in new requests: ml_metrics becomes a
--    ReplacingMergeTree on the point's identity (run, key, step, timestamp), and readers use FINAL or
--    duplicate-insensitive aggregates. Runs, params, tags, datasets and artifacts already replace.

ALTER TABLE {{local:otel_traces}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_logs}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_metrics_gauge}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_metrics_sum}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_metrics_histogram}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_metrics_exp_histogram}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:otel_metrics_summary}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_params}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_tags}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_run_liveness}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_datasets}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_artifacts}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
ALTER TABLE {{local:ml_runs}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;

-- ml_metrics cannot change engine in place: build the replacing table, copy, swap, and point the
-- summary view at it again.
DROP VIEW IF EXISTS ml_metric_summary_mv{{cluster}};

CREATE TABLE IF NOT EXISTS {{local:ml_metrics_replacing}}{{cluster}} (
    RunId String CODEC(ZSTD(1)),
    Experiment LowCardinality(String),
    Key LowCardinality(String),
    Step Int64 CODEC(Delta, ZSTD(1)),
    Value Float64 CODEC(ZSTD(1)),
    Timestamp DateTime64(9, 'UTC') CODEC(Delta, ZSTD(1)),
    Source LowCardinality(String)
) ENGINE = {{engine:ReplacingMergeTree()}}
PARTITION BY toYYYYMM(Timestamp)
ORDER BY (RunId, Key, Step, Timestamp)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_metrics_replacing}};

INSERT INTO ml_metrics_replacing SELECT RunId, Experiment, Key, Step, Value, Timestamp, Source FROM ml_metrics;

EXCHANGE TABLES {{local:ml_metrics}} AND {{local:ml_metrics_replacing}}{{cluster}};

{{drop_distributed:ml_metrics_replacing}};
DROP TABLE {{local:ml_metrics_replacing}}{{cluster}};

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
