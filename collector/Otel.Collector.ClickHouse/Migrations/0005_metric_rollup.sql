-- Step blocks of 1,024 per series, pre-aggregated on insert: a downsampled history of a long series reads
-- about 10,000 rows for 10 M points instead of the points themselves. Last, min and max ignore copies of a
-- point (client retries); Points counts rows as inserted.

CREATE TABLE IF NOT EXISTS {{local:ml_metric_rollup}}{{cluster}} (
    RunId String,
    Key LowCardinality(String),
    Block Int64,
    Last AggregateFunction(argMax, Float64, Int64),
    FirstStep SimpleAggregateFunction(min, Int64),
    LastStep SimpleAggregateFunction(max, Int64),
    MinValue SimpleAggregateFunction(min, Float64),
    MaxValue SimpleAggregateFunction(max, Float64),
    LastTime SimpleAggregateFunction(max, DateTime64(9, 'UTC')),
    Points SimpleAggregateFunction(sum, UInt64)
) ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (RunId, Key, Block);
{{distributed:ml_metric_rollup}};

-- Block = floor(Step / 1024), also for negative steps.
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
    toUInt64(count()) AS Points
FROM {{local:ml_metrics}}
GROUP BY RunId, Key, Block;

INSERT INTO ml_metric_rollup
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
    toUInt64(count())
FROM ml_metrics FINAL
GROUP BY RunId, Key, Block;
