-- Training baselines (issue 10): one row per run, kind (feature | prediction) and name; the latest logged wins.
-- Numeric: Bounds are the inner bin edges (OTLP explicit buckets), Counts has one more entry.
-- Categorical: Categories are the top categories, Counts has one more entry, the last for __other__.
-- A registered version freezes its run's rows as JSON in ml_model_versions.Baseline.
CREATE TABLE IF NOT EXISTS {{local:ml_run_baselines}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    Kind LowCardinality(String),
    Name String,
    Type LowCardinality(String),
    Bounds Array(Float64),
    Categories Array(String),
    Counts Array(Int64),
    DatasetDigest String,
    LoggedAt DateTime64(9, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(LoggedAt)}}
ORDER BY (RunId, Kind, Name);
{{distributed:ml_run_baselines}};
