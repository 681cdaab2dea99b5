-- Jobs with a lease, and job writes through the spool (issue 8). See docs/jobs.md.
-- Statements end with a semicolon at the end of a line.

-- Lease rows: claims for a term, renewals and releases by the term's winner (a renewal names the expiry it
-- extends and counts only if it landed before it). Append-only; the state of a
-- job's lease is computed from the rows of its highest term. At is ClickHouse's own clock (now64), which
-- alone judges claim windows and expiry, so skewed collector clocks cannot give two holders at once.
-- Written directly, not through the spool: a claim must carry the server time of the claim itself.
CREATE TABLE IF NOT EXISTS {{local:ml_job_leases}}{{cluster}} (
    Job LowCardinality(String),
    Term UInt64,
    Holder String,
    Kind LowCardinality(String),
    At DateTime64(3, 'UTC'),
    ExpiresAt DateTime64(3, 'UTC'),
    Extends DateTime64(3, 'UTC')
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Job, Term, At, Holder)
TTL toDateTime(At) + INTERVAL 7 DAY;
{{distributed:ml_job_leases}};

-- Runs whose run row, params or datasets an ingest changed, stamped with the time ClickHouse stored the mark
-- (not a collector's clock, not a receive time): the completeness job scores the runs marked since its
-- watermark, whichever collector received the change and however long it waited in a spool.
CREATE TABLE IF NOT EXISTS {{local:ml_run_changes}}{{cluster}} (
    RunId String,
    ChangedAt DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = {{engine:MergeTree()}}
ORDER BY (ChangedAt, RunId)
TTL toDateTime(ChangedAt) + INTERVAL 3 DAY
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_run_changes}};

-- Completeness rows now come through the spool too: a replayed range is dropped by its token.
ALTER TABLE {{local:ml_run_completeness}}{{cluster}} MODIFY SETTING {{dedup_window}} = 1000;
