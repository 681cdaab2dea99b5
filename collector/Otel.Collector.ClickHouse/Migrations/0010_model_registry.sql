-- The model registry (issue 9, parts 1–5). See docs/registry.md.
-- Statements end with a semicolon at the end of a line. Every row is written through the spool (one writer) by the
-- registry writer; nothing here is updated in place. Times are the collector's clock (TimeProvider), in UTC.

-- A registered model name: its description and tags. The row with the newest UpdatedAt wins. Created with the
-- name's first version.
CREATE TABLE IF NOT EXISTS {{local:ml_models}}{{cluster}} (
    Name String,
    Description String,
    Tags Map(String, String),
    CreatedBy String,
    CreatedAt DateTime64(3, 'UTC'),
    UpdatedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY Name
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_models}};

-- A version: a run and one of its artifacts, numbered 1, 2, 3… per name with no gaps, and what the run was when it
-- was registered (frozen: later changes to the run never change these columns). Description, Tags and Archived may
-- change: the full row is written again with a newer UpdatedAt, the frozen columns copied unchanged.
-- Datasets: JSON array of {name, digest, context}. Baseline: JSON, empty until the run logs one (issue 10).
-- Completeness: the run's score at registration, NULL when it had none yet.
CREATE TABLE IF NOT EXISTS {{local:ml_model_versions}}{{cluster}} (
    Name String,
    Version UInt64,
    RunId String,
    Experiment LowCardinality(String),
    ArtifactPath String,
    ArtifactSha256 String,
    ArtifactSize UInt64,
    Provenance Map(LowCardinality(String), String),
    Params Map(String, String),
    Metrics Map(String, Float64),
    Datasets String,
    Completeness Nullable(Float64),
    Baseline String,
    Description String,
    Tags Map(String, String),
    Archived UInt8,
    CreatedBy String,
    CreatedAt DateTime64(3, 'UTC'),
    UpdatedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY (Name, Version)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_versions}};

-- Every alias move, append-only: where the alias points at time T is the newest move at or before T. Version 0
-- means the alias was deleted. Reason: set (models alias), promote (through the gates), force (admin, gates
-- overridden), delete. AuditEntryId names the audit entry that records the move.
CREATE TABLE IF NOT EXISTS {{local:ml_model_alias_moves}}{{cluster}} (
    Name String,
    Alias String,
    Version UInt64,
    PreviousVersion UInt64,
    MovedAt DateTime64(3, 'UTC'),
    MovedBy String,
    Reason LowCardinality(String),
    AuditEntryId String
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Name, Alias, MovedAt)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_alias_moves}};

-- The gate of a protected alias; the row with the newest UpdatedAt wins, Deleted = 1 unprotects the alias.
-- MetricConditions: "KEY OP VALUE" or "KEY OP champion" (the version the alias points at when promoting).
CREATE TABLE IF NOT EXISTS {{local:ml_model_gates}}{{cluster}} (
    Name String,
    Alias String,
    MinApprovals UInt32,
    MinCompleteness Nullable(Float64),
    RequireCleanTree UInt8,
    RequiredDatasets Array(String),
    MetricConditions Array(String),
    Deleted UInt8,
    UpdatedBy String,
    UpdatedAt DateTime64(3, 'UTC')
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY (Name, Alias)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_gates}};

-- Approvals and rejections of a version for a target alias, append-only. Decision: approve or reject.
CREATE TABLE IF NOT EXISTS {{local:ml_model_approvals}}{{cluster}} (
    Name String,
    Version UInt64,
    Alias String,
    Decision LowCardinality(String),
    Actor String,
    Comment String,
    DecidedAt DateTime64(3, 'UTC'),
    AuditEntryId String
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Name, Version, Alias, DecidedAt)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_approvals}};

-- Every promotion attempt with every gate's verdict, refused ones included. Verdicts: JSON array of
-- {gate, passed, detail}.
CREATE TABLE IF NOT EXISTS {{local:ml_model_promotions}}{{cluster}} (
    Name String,
    Version UInt64,
    Alias String,
    PreviousVersion UInt64,
    Promoted UInt8,
    Forced UInt8,
    Actor String,
    At DateTime64(3, 'UTC'),
    Verdicts String,
    AuditEntryId String
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Name, At)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_promotions}};

-- Deployments of a version to an environment. Source: api (a command or call) or telemetry (discovered from
-- serving telemetry, issue 10).
CREATE TABLE IF NOT EXISTS {{local:ml_model_deployments}}{{cluster}} (
    Name String,
    Version UInt64,
    Environment String,
    DeployedBy String,
    DeployedAt DateTime64(3, 'UTC'),
    Source LowCardinality(String),
    AuditEntryId String
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Name, DeployedAt)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_model_deployments}};
