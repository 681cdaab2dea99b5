-- Drift of serving features and predictions against the training baseline (issue 10, part 4). See docs/drift.md.
-- Statements end with a semicolon at the end of a line. Rows are written by the drift job through the spool (one
-- writer); dashboards and alert rules read them.
--
-- One row per model version, feature (or prediction output), kind, window length and window end. That is the row's
-- key (the ORDER BY): a replayed spool record is dropped by its insert token, and a window computed again (by a second
-- collector after a lease change, or after a restart) replaces the earlier row at merge, the newest ComputedAt winning.
-- Readers take FINAL, or argMax(…, ComputedAt) per key, so a window never counts twice.
-- Psi, Js and Ks are NULL when the window had no production measurement of the feature. Status: ok, warn, drift or
-- insufficient_data (Count below the minimum). MismatchedCount: measurements binned on other bounds than the baseline's
-- (or of the other type), left out of Count. Kept 30 days.
CREATE TABLE IF NOT EXISTS {{local:ml_drift}}{{cluster}} (
    ModelName LowCardinality(String),
    ModelVersion UInt64,
    Feature String,
    Kind LowCardinality(String),
    Type LowCardinality(String),
    Window LowCardinality(String),
    WindowEnd DateTime('UTC'),
    WindowSeconds UInt32,
    Psi Nullable(Float64),
    Js Nullable(Float64),
    Ks Nullable(Float64),
    Count UInt64,
    BaselineCount UInt64,
    MismatchedCount UInt64,
    Status LowCardinality(String),
    ComputedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
PARTITION BY toDate(WindowEnd)
ORDER BY (ModelName, ModelVersion, Window, Feature, Kind, WindowEnd)
TTL WindowEnd + INTERVAL 30 DAY
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_drift}};
