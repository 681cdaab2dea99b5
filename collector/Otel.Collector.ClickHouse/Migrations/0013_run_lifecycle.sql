-- Run lifecycle and retention (issue 9, parts 6 and 7). See docs/run-lifecycle.md.
-- Statements end with a semicolon at the end of a line. Rows are written through the spool (one writer); nothing here
-- is updated in place. Times are the collector's clock (TimeProvider), in UTC.

-- What users changed about a run after the fact, one row per change: Field is name, note, state (active, archived,
-- deleted) or hold (1 held, 0 released). A run's current value of a field is the row with the highest Version (unix
-- nanoseconds, strictly increasing per collector, so two changes within a millisecond still order). No row: the run's
-- own name, no note, active, not held. Purging a run removes its rows last (docs/run-lifecycle.md).
CREATE TABLE IF NOT EXISTS {{local:ml_run_lifecycle}}{{cluster}} (
    RunId String,
    Field LowCardinality(String),
    Value String,
    Actor String,
    At DateTime64(3, 'UTC'),
    Version UInt64,
    AuditEntryId String
) ENGINE = {{engine:ReplacingMergeTree(Version)}}
ORDER BY (RunId, Field)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_run_lifecycle}};

-- Untagging after the fact: a tag row with Deleted = 1 and a newer UpdatedAt hides the key (readers take the newest
-- row per run and key, as they already did for values).
ALTER TABLE {{local:ml_tags}}{{cluster}} ADD COLUMN IF NOT EXISTS Deleted UInt8 DEFAULT 0;
{{distributed:ml_tags}};

-- Retention per experiment: days of metric points, of raw OTel rows and of artifacts; NULL keeps them for ever. The row
-- with the newest UpdatedAt wins. Enforced by the retention job (docs/run-lifecycle.md, "Retention").
CREATE TABLE IF NOT EXISTS {{local:ml_retention_policies}}{{cluster}} (
    Experiment String,
    PointsDays Nullable(UInt32),
    RawDays Nullable(UInt32),
    ArtifactDays Nullable(UInt32),
    UpdatedBy String,
    UpdatedAt DateTime64(3, 'UTC'),
    AuditEntryId String
) ENGINE = {{engine:ReplacingMergeTree(UpdatedAt)}}
ORDER BY Experiment
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_retention_policies}};
