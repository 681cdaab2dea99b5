-- The tamper-evident audit log (issue 9, part 8). See docs/audit.md.
-- Statements end with a semicolon at the end of a line.

-- Entries accepted by any collector and not yet numbered: IAuditTrail.RecordAsync writes one row here through the
-- spool, so an accepted entry is durable before the caller is answered, whichever collector holds the sequencer's
-- lease. EntryId is random and unique per entry; the sequencer numbers the entries that no valid log row names yet.
-- StoredAt is ClickHouse's clock: the sequencing order. Kept for ever (a few hundred bytes an entry).
CREATE TABLE IF NOT EXISTS {{local:ml_audit_pending}}{{cluster}} (
    EntryId String,
    Time DateTime64(3, 'UTC'),
    Actor String,
    Action LowCardinality(String),
    Target String,
    Details String,
    AcceptedBy String,
    StoredAt DateTime64(3, 'UTC') DEFAULT now64(3)
) ENGINE = {{engine:MergeTree()}}
ORDER BY (StoredAt, EntryId)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_audit_pending}};

-- The chain: written only by the sequencer (the holder of the job lease 'audit-sequencer'), through the spool.
-- Hash = lowercase hex SHA-256 of the canonical encoding of (Seq, Time, Actor, Action, Target, Details, PrevHash)
-- (docs/audit.md); PrevHash of Seq 1 is 64 zeros. Term is the lease term that wrote the row: a term's first row
-- voids every row of an older term from that Seq on (rows an old holder spooled before losing its lease can land
-- late), so the chain is the rows that no newer term voided. Append-only: nothing updates or deletes these rows.
CREATE TABLE IF NOT EXISTS {{local:ml_audit_log}}{{cluster}} (
    Seq UInt64,
    Term UInt64,
    EntryId String,
    Time DateTime64(3, 'UTC'),
    Actor String,
    Action LowCardinality(String),
    Target String,
    Details String,
    PrevHash String,
    Hash String,
    SequencedBy String
) ENGINE = {{engine:MergeTree()}}
ORDER BY (Seq, Term)
SETTINGS {{dedup_window}} = 1000;
{{distributed:ml_audit_log}};
