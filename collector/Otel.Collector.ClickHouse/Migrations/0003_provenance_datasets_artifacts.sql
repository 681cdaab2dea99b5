-- Provenance, datasets, artifacts, completeness and reproduction (issue #3).
-- Statements end with a semicolon at the end of a line.

-- A run that re-runs another (otel-track reproduce --run) names it here.
ALTER TABLE {{local:ml_runs}}{{cluster}} ADD COLUMN IF NOT EXISTS Reproduces String DEFAULT '';
{{distributed:ml_runs}};

-- Datasets a run read: one row per (run, name, context, digest).
CREATE TABLE IF NOT EXISTS {{local:ml_datasets}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    Name String,
    Digest String,
    Uri String,
    Context LowCardinality(String),
    Rows Nullable(Int64),
    Size Nullable(Int64),
    Format LowCardinality(String),
    Schema String,
    LoggedAt DateTime64(9, 'UTC'),
    INDEX idx_digest Digest TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = {{engine:ReplacingMergeTree(LoggedAt)}}
ORDER BY (RunId, Name, Context, Digest);
{{distributed:ml_datasets}};

-- Artifacts a run produced; bytes live in the content-addressed artifact store under Sha256.
CREATE TABLE IF NOT EXISTS {{local:ml_artifacts}}{{cluster}} (
    RunId String,
    Experiment LowCardinality(String),
    Path String,
    Sha256 String,
    Size Int64,
    Uri String,
    Kind LowCardinality(String),
    LoggedAt DateTime64(9, 'UTC'),
    INDEX idx_sha256 Sha256 TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = {{engine:ReplacingMergeTree(LoggedAt)}}
ORDER BY (RunId, Path);
{{distributed:ml_artifacts}};

-- Metadata completeness per run against the collector's list of mandatory fields; newest wins.
CREATE TABLE IF NOT EXISTS {{local:ml_run_completeness}}{{cluster}} (
    RunId String,
    Score Float64,
    Present Array(String),
    Missing Array(String),
    ComputedAt DateTime64(9, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(ComputedAt)}}
ORDER BY RunId;
{{distributed:ml_run_completeness}};
