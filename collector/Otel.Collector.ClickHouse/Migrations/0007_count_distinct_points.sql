-- Counts that see every point once (issue 8).
--
-- ClickHouse feeds a materialized view with every block inserted into its source: with a spool range replayed
-- after a crash (which ml_metrics drops by its token) and with a client's re-send (a new insert whose copies
-- ml_metrics merges away only later). Last, min and max ignore copies; a count of rows does not. So:
-- 1. The rollup keeps, per block of 1,024 steps, the set of its points' identities (a 64-bit hash of step and
--    timestamp; run and key are the row's own). Its size is the number of distinct points however often one
--    arrives, and the sets of a block stay small, so /history merges them cheaply.
-- 2. The summary drops its row count: a set per series would cost the series' length on every merge. A series'
--    count is the sum of its blocks' counts in the rollup, which the view ml_metric_counts adds up.
-- Existing rollups are rebuilt from the points.

DROP VIEW IF EXISTS ml_metric_rollup_mv{{cluster}};

DROP VIEW IF EXISTS ml_metric_summary_mv{{cluster}};

TRUNCATE TABLE IF EXISTS {{local:ml_metric_rollup}}{{cluster}};

ALTER TABLE {{local:ml_metric_rollup}}{{cluster}} DROP COLUMN IF EXISTS Points;

ALTER TABLE {{local:ml_metric_rollup}}{{cluster}} ADD COLUMN IF NOT EXISTS Points AggregateFunction(uniqExact, UInt64);
{{distributed:ml_metric_rollup}};

ALTER TABLE {{local:ml_metric_summary}}{{cluster}} DROP COLUMN IF EXISTS Count;
{{distributed:ml_metric_summary}};

CREATE MATERIALIZED VIEW IF NOT EXISTS ml_metric_summary_mv{{cluster}} TO {{local:ml_metric_summary}}
AS SELECT
    RunId,
    Experiment,
    Key,
    argMaxState(Value, (Step, Timestamp)) AS Latest,
    max(Step) AS LastStep,
    min(Value) AS MinValue,
    max(Value) AS MaxValue
FROM {{local:ml_metrics}}
GROUP BY RunId, Experiment, Key;

-- Block = floor(Step / 1024), also for negative steps; Points = the set of cityHash64(Step, Timestamp).
CREATE MATERIALIZED VIEW IF NOT EXISTS ml_metric_rollup_mv{{cluster}} TO {{local:ml_metric_rollup}}
AS SELECT
    RunId,
    Key,
    if(Step >= 0, intDiv(Step, 1024), -intDiv(1023 - Step, 1024)) AS Block,
    argMaxState(Value, Step) AS Last,
    min(Step) AS FirstStep,
    max(Step) AS LastStep,
    min(Value) AS MinValue,
    max(Value) AS MaxValue,
    max(Timestamp) AS LastTime,
    uniqExactState(cityHash64(Step, Timestamp)) AS Points
FROM {{local:ml_metrics}}
GROUP BY RunId, Key, Block;

INSERT INTO ml_metric_rollup (RunId, Key, Block, Last, FirstStep, LastStep, MinValue, MaxValue, LastTime, Points)
SELECT
    RunId,
    Key,
    if(Step >= 0, intDiv(Step, 1024), -intDiv(1023 - Step, 1024)) AS Block,
    argMaxState(Value, Step),
    min(Step),
    max(Step),
    min(Value),
    max(Value),
    max(Timestamp),
    uniqExactState(cityHash64(Step, Timestamp))
FROM ml_metrics FINAL
GROUP BY RunId, Key, Block;

-- Distinct points per run and key: each block's set counted, then added up (blocks never share a step).
CREATE VIEW IF NOT EXISTS ml_metric_counts{{cluster}}
AS SELECT RunId, Key, sum(BlockPoints) AS Points
FROM (
    SELECT RunId, Key, Block, uniqExactMerge(Points) AS BlockPoints
    FROM ml_metric_rollup
    GROUP BY RunId, Key, Block
)
GROUP BY RunId, Key;
