-- The steps a run declared it will take (ml.run.total_steps), for progress and ETA in `runs watch` (issue #12).
-- Statements end with a semicolon at the end of a line.

ALTER TABLE {{local:ml_runs}}{{cluster}} ADD COLUMN IF NOT EXISTS TotalSteps Nullable(Int64);
{{distributed:ml_runs}};
