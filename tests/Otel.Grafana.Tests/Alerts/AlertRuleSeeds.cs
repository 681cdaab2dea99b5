namespace Otel.Grafana.Tests.Alerts;

/// <summary>A firing case and its near misses for every rule in alerts/*.yaml (the test fails for a rule without one).</summary>
internal static class AlertRuleSeeds
{
    private const string SloColumns = "INSERT INTO ml_slo_status (Name, EvaluatedAt, Model, Service, Route, Burn5m, Burn30m, Burn1h, Burn2h, Burn6h, Burn1d, Burn3d) VALUES ";

    private const string DriftColumns = "INSERT INTO ml_drift (ModelName, ModelVersion, Feature, Kind, Window, WindowEnd, Psi, Status, ComputedAt) VALUES ";

    private const string RunColumns = "INSERT INTO ml_runs (RunId, Experiment, RunName, Status, StartTime, ServiceName, Provenance, ReceivedAt, Version) ";

    private const string SumColumns = "INSERT INTO otel_metrics_sum (ServiceName, MetricName, ResourceAttributes, Attributes, StartTimeUnix, TimeUnix, Value, AggregationTemporality, IsMonotonic) VALUES ";

    private const string GaugeColumns = "INSERT INTO otel_metrics_gauge (ServiceName, MetricName, ResourceAttributes, TimeUnix, Value) VALUES ";

    private const string Collector = "'otel-track-collector'";

    private static readonly string[] DriftRows =
    [
        DriftColumns + """
            ('churn', 1, 'age', 'feature', '15m', toStartOfMinute(now()), 0.4, 'drift', now()),
            ('churn', 1, 'income', 'feature', '15m', toStartOfMinute(now()), 0.15, 'warn', now()),
            ('churn', 1, 'tenure', 'feature', '15m', toStartOfMinute(now()), 0.01, 'ok', now()),
            ('churn', 1, 'zip', 'feature', '15m', toStartOfMinute(now()), 0.9, 'insufficient_data', now()),
            ('churn', 1, 'plan', 'feature', '15m', toStartOfMinute(now()) - INTERVAL 10 MINUTE, 0.5, 'drift', now()),
            ('churn', 1, 'gone', 'feature', '15m', toStartOfMinute(now()) - INTERVAL 20 MINUTE, 0.5, 'drift', now()),
            ('churn', 1, 'plan', 'feature', '15m', toStartOfMinute(now()), 0.02, 'ok', now()),
            ('churn', 1, 'region', 'feature', '1h', toStartOfMinute(now()), 0.7, 'drift', now()),
            ('churn', 1, 'score', 'prediction', '15m', toStartOfMinute(now()), 0.3, 'drift', now()),
            ('churn', 1, 'city', 'feature', '15m', toStartOfMinute(now()), 0.6, 'drift', now() - INTERVAL 30 SECOND)
            """,
        // The same window computed again later (a second collector after a lease change) replaces the row.
        DriftColumns + "('churn', 1, 'city', 'feature', '15m', toStartOfMinute(now()), 0.03, 'ok', now())",
    ];

    public static IReadOnlyDictionary<string, AlertRuleSeed> ByRule { get; } = new Dictionary<string, AlertRuleSeed>
    {
        ["otel-track-slo-burn-page"] = new(
            [
                SloColumns + """
                    ('fast', now() - 60, 'churn', '', '', 20, 0, 15, 0, 0, 0, 0),
                    ('six-hours', now() - 60, 'churn', '', '', 0, 7, 0, 0, 6.5, 0, 0),
                    ('near', now() - 60, 'fraud', '', '', 20, 5.9, 14, 0, 9, 0, 0),
                    ('recovered', now() - 300, '', 'checkout', '/score', 100, 100, 100, 100, 100, 100, 100),
                    ('recovered', now() - 60, '', 'checkout', '/score', 0, 0, 0, 0, 0, 0, 0),
                    ('stale', now() - 1200, 'churn', '', '', 100, 100, 100, 100, 100, 100, 100)
                    """,
            ],
            ["slo"], ["fast", "six-hours"]),
        ["otel-track-slo-burn-ticket"] = new(
            [
                SloColumns + """
                    ('slow', now() - 60, 'churn', '', '', 0, 0, 0, 3.5, 0, 4, 0),
                    ('three-days', now() - 60, 'churn', '', '', 0, 0, 0, 0, 1.2, 0, 1.5),
                    ('near', now() - 60, 'churn', '', '', 0, 0, 0, 5, 3, 2.9, 0.9),
                    ('paging', now() - 60, 'churn', '', '', 20, 0, 20, 5, 0, 5, 0)
                    """,
            ],
            ["slo"], ["slow", "three-days"]),
        ["otel-track-drift-page"] = new(DriftRows, ["kind", "feature"], ["feature/age", "prediction/score"]),
        ["otel-track-drift-ticket"] = new(DriftRows, ["kind", "feature"], ["feature/income"]),
        ["otel-track-run-failure-rate"] = new(
            [
                RunColumns + "SELECT concat('flaky-', toString(number)), 'flaky', 'r', if(number < 2, 'FAILED', 'FINISHED'), now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1 FROM numbers(6)",
                RunColumns + "SELECT concat('steady-', toString(number)), 'steady', 'r', if(number < 1, 'FAILED', 'FINISHED'), now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1 FROM numbers(20)",
                RunColumns + "SELECT concat('lost-', toString(number)), 'lost', 'r', if(number < 1, 'LOST', 'FINISHED'), now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1 FROM numbers(5)",
                RunColumns + "SELECT concat('tiny-', toString(number)), 'tiny', 'r', 'FAILED', now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1 FROM numbers(2)",
                RunColumns + "SELECT concat('killed-', toString(number)), 'killed', 'r', if(number < 3, 'KILLED', 'FINISHED'), now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1 FROM numbers(5)",
                RunColumns + "SELECT concat('old-', toString(number)), 'old', 'r', 'FAILED', now() - INTERVAL 2 DAY, 'trainer', map(), now(), 1 FROM numbers(6)",
            ],
            ["experiment"], ["flaky", "lost"]),
        ["otel-track-runs-lost"] = new(
            [
                RunColumns + """
                    VALUES ('lost-now', 'e', 'r1', 'LOST', now() - INTERVAL 1 HOUR, 'trainer', map(), now() - INTERVAL 10 MINUTE, 1),
                           ('lost-long-ago', 'e', 'r2', 'LOST', now() - INTERVAL 9 HOUR, 'trainer', map(), now() - INTERVAL 7 HOUR, 1),
                           ('came-back', 'e', 'r3', 'LOST', now() - INTERVAL 1 HOUR, 'trainer', map(), now() - INTERVAL 10 MINUTE, 1),
                           ('running', 'e', 'r4', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1)
                    """,
                // A LOST run that reports its end later becomes FINISHED: the terminal row's higher version wins.
                RunColumns + "VALUES ('came-back', 'e', 'r3', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 2)",
            ],
            ["run_id"], ["lost-now"]),
        ["otel-track-run-non-finite-metric"] = new(
            [
                RunColumns + """
                    VALUES ('nan-run', 'e', 'r1', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('done-run', 'e', 'r2', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('fine-run', 'e', 'r3', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('old-nan-run', 'e', 'r4', 'RUNNING', now() - INTERVAL 3 HOUR, 'trainer', map(), now(), 1)
                    """,
                """
                INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) VALUES
                    ('nan-run', 'e', 'loss', 5, nan, now() - INTERVAL 1 MINUTE),
                    ('nan-run', 'e', 'grad_norm', 5, inf, now() - INTERVAL 1 MINUTE),
                    ('nan-run', 'e', 'accuracy', 5, 0.5, now() - INTERVAL 1 MINUTE),
                    ('done-run', 'e', 'loss', 5, inf, now() - INTERVAL 1 MINUTE),
                    ('fine-run', 'e', 'loss', 5, 0.3, now() - INTERVAL 1 MINUTE),
                    ('old-nan-run', 'e', 'loss', 5, nan, now() - INTERVAL 2 HOUR)
                """,
            ],
            ["run_id", "key"], ["nan-run/loss", "nan-run/grad_norm"]),
        ["otel-track-run-diverging-loss"] = new(
            [
                RunColumns + """
                    VALUES ('diverging', 'e', 'r1', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('converging', 'e', 'r2', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('warming-up', 'e', 'r3', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('ended', 'e', 'r4', 'FAILED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('exploded', 'e', 'r5', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1)
                    """,
                // Down to 0.2 at step 10, back up to 0.9 at step 20.
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'diverging', 'e', 'val_loss', number, if(number <= 10, 1 - number * 0.08, 0.2 + (number - 10) * 0.07), now() - INTERVAL (30 - number) SECOND FROM numbers(21)",
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'diverging', 'e', 'accuracy', number, 0.1 + number * 0.04, now() - INTERVAL (30 - number) SECOND FROM numbers(21)",
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'converging', 'e', 'loss', number, 1 / (number + 1), now() - INTERVAL (30 - number) SECOND FROM numbers(21)",
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'warming-up', 'e', 'loss', number, [1, 0.2, 0.9, 0.95, 0.97, 0.99][number + 1], now() - INTERVAL (30 - number) SECOND FROM numbers(6)",
                // Doubling from step 1, then NaN and infinity: counted by its newest finite value.
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'exploded', 'e', 'loss', number, [0.7 * pow(2, number), nan, inf][least(greatest(number - 15, 1), 3)], now() - INTERVAL (30 - number) SECOND FROM numbers(1, 18)",
                "INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) SELECT 'ended', 'e', 'loss', number, if(number <= 10, 1 - number * 0.08, 0.2 + (number - 10) * 0.07), now() - INTERVAL (30 - number) SECOND FROM numbers(21)",
            ],
            ["run_id", "key"], ["diverging/val_loss", "exploded/loss"]),
        ["otel-track-run-stalled"] = new(
            [
                RunColumns + """
                    VALUES ('hung', 'e', 'r1', 'RUNNING', now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1),
                           ('busy', 'e', 'r2', 'RUNNING', now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1),
                           ('fresh', 'e', 'r3', 'RUNNING', now() - INTERVAL 10 MINUTE, 'trainer', map(), now(), 1),
                           ('silent', 'e', 'r4', 'RUNNING', now() - INTERVAL 2 HOUR, 'trainer', map(), now(), 1),
                           ('ended', 'e', 'r5', 'FINISHED', now() - INTERVAL 3 HOUR, 'trainer', map(), now(), 1)
                    """,
                """
                INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp) VALUES
                    ('hung', 'e', 'loss', 1, 0.5, now() - INTERVAL 50 MINUTE),
                    ('hung', 'e', 'loss', 2, 0.4, now() - INTERVAL 45 MINUTE),
                    ('busy', 'e', 'loss', 1, 0.5, now() - INTERVAL 50 MINUTE),
                    ('busy', 'e', 'loss', 2, 0.4, now() - INTERVAL 1 MINUTE),
                    ('ended', 'e', 'loss', 1, 0.5, now() - INTERVAL 2 HOUR)
                """,
            ],
            ["run_id"], ["hung", "silent"]),
        ["otel-track-run-completeness-low"] = new(
            [
                RunColumns + """
                    VALUES ('s1', 'sloppy', 'r', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('s2', 'sloppy', 'r', 'RUNNING', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('t1', 'tidy', 'r', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('t2', 'tidy', 'r', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1),
                           ('o1', 'old', 'r', 'FINISHED', now() - INTERVAL 2 DAY, 'trainer', map(), now(), 1)
                    """,
                """
                INSERT INTO ml_run_completeness (RunId, Score, Present, Missing, ComputedAt) VALUES
                    ('s1', 0.6, [], ['commit', 'clean_tree'], now()),
                    ('s2', 0.8, [], ['commit'], now()),
                    ('t1', 0, [], [], now() - INTERVAL 1 HOUR),
                    ('t1', 1, [], [], now()),
                    ('t2', 0.8, [], ['commit'], now()),
                    ('o1', 0.2, [], [], now())
                """,
            ],
            ["experiment"], ["sloppy"]),
        ["otel-track-requests-denied-spike"] = new(
            [
                SumColumns + $"""
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 100, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 5 MINUTE, 150, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 120 + 60, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'unknown', 'transport', 'grpc'), now() - INTERVAL 1 HOUR, now() - INTERVAL 12 MINUTE, 10, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'unknown', 'transport', 'grpc'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 20, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'scope', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 5, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i1'), map('reason', 'scope', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 25, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i2'), map('reason', 'missing', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 3 MINUTE, 40, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i3'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 500, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i3'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 500, 2, true),
                    ({Collector}, 'otel_track.requests.denied', map('service.instance.id', 'i4'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 1000, 2, true),
                    ('checkout', 'otel_track.requests.denied', map('service.instance.id', 'c1'), map('reason', 'unknown', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 1000, 2, true)
                    """,
            ],
            ["instance", "reason"], ["i1/unknown", "i2/missing"]),
        ["otel-track-duplicate-runs"] = new(
            [
                // Runs 10 and 11 retry runs 0 and 1: same experiment, name, commit and pipeline run.
                RunColumns + "SELECT concat('ci-', toString(number)), 'ci-retry', concat('r', toString(number % 10)), 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map('vcs.ref.head.revision', 'abc', 'cicd.pipeline.run.id', concat('p', toString(number % 10))), now(), 1 FROM numbers(12)",
                RunColumns + "SELECT concat('clean-', toString(number)), 'clean', concat('r', toString(number)), 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map('vcs.ref.head.revision', 'abc', 'cicd.pipeline.run.id', concat('p', toString(number))), now(), 1 FROM numbers(12)",
                RunColumns + "SELECT concat('few-', toString(number)), 'few', 'r', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map('vcs.ref.head.revision', 'abc', 'cicd.pipeline.run.id', 'p'), now(), 1 FROM numbers(3)",
                RunColumns + "SELECT concat('nocommit-', toString(number)), 'no-commit', 'r', 'FINISHED', now() - INTERVAL 1 HOUR, 'trainer', map(), now(), 1 FROM numbers(12)",
            ],
            ["experiment"], ["ci-retry"]),
        ["otel-track-slo-status-stale"] = new(
            [
                """
                INSERT INTO ml_slo_definitions (Name, Definition, UpdatedAt) VALUES
                    ('evaluated', '{}', now() - INTERVAL 2 HOUR), ('stuck', '{}', now() - INTERVAL 2 HOUR),
                    ('never-evaluated', '{}', now() - INTERVAL 20 MINUTE), ('just-applied', '{}', now() - INTERVAL 2 MINUTE),
                    ('reapplied', '{}', now() - INTERVAL 2 HOUR), ('reapplied', '{}', now() - INTERVAL 1 MINUTE),
                    ('deleted', '{}', now() - INTERVAL 3 HOUR), ('deleted', '', now() - INTERVAL 2 HOUR)
                """,
                SloColumns + """
                    ('evaluated', now() - 60, 'churn', '', '', 0, 0, 0, 0, 0, 0, 0),
                    ('stuck', now() - 1800, 'churn', '', '', 0, 0, 0, 0, 0, 0, 0),
                    ('reapplied', now() - 1800, 'churn', '', '', 0, 0, 0, 0, 0, 0, 0)
                    """,
            ],
            ["slo"], ["stuck", "never-evaluated"]),
        ["otel-track-collector-silent"] = new(
            [
                GaugeColumns + $"""
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i1'), now() - INTERVAL 20 MINUTE, 0),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i2'), now() - INTERVAL 8 MINUTE, 0),
                    ('checkout', 'otel_track.spool.pending.size', map('service.instance.id', 'c1'), now() - INTERVAL 1 MINUTE, 0)
                    """,
            ],
            ["service"], ["otel-track-collector"]),
        ["otel-track-spool-age"] = new(
            [
                GaugeColumns + $"""
                    ({Collector}, 'otel_track.spool.oldest_pending.age', map('service.instance.id', 'i1'), now() - INTERVAL 4 MINUTE, 100),
                    ({Collector}, 'otel_track.spool.oldest_pending.age', map('service.instance.id', 'i1'), now() - INTERVAL 1 MINUTE, 900),
                    ({Collector}, 'otel_track.spool.oldest_pending.age', map('service.instance.id', 'i2'), now() - INTERVAL 4 MINUTE, 900),
                    ({Collector}, 'otel_track.spool.oldest_pending.age', map('service.instance.id', 'i2'), now() - INTERVAL 1 MINUTE, 30),
                    ({Collector}, 'otel_track.spool.oldest_pending.age', map('service.instance.id', 'i3'), now() - INTERVAL 10 MINUTE, 900)
                    """,
            ],
            ["instance"], ["i1"]),
        ["otel-track-spool-growth"] = new(
            [
                GaugeColumns + $"""
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i1'), now() - INTERVAL 14 MINUTE, 0),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i1'), now() - INTERVAL 7 MINUTE, 50 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i1'), now() - INTERVAL 1 MINUTE, 100 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i2'), now() - INTERVAL 14 MINUTE, 100 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i2'), now() - INTERVAL 7 MINUTE, 100 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i2'), now() - INTERVAL 1 MINUTE, 100 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i4'), now() - INTERVAL 14 MINUTE, 0),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i4'), now() - INTERVAL 7 MINUTE, 5 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i4'), now() - INTERVAL 1 MINUTE, 9 * 1048576),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i3'), now() - INTERVAL 14 MINUTE, 0),
                    ({Collector}, 'otel_track.spool.pending.size', map('service.instance.id', 'i3'), now() - INTERVAL 1 MINUTE, 200 * 1048576)
                    """,
            ],
            ["instance"], ["i1"]),
        ["otel-track-ingest-refusals"] = new(
            [
                SumColumns + $"""
                    ({Collector}, 'otel_track.ingest.requests.accepted', map('service.instance.id', 'i1'), map('signal', 'traces', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 1000, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.accepted', map('service.instance.id', 'i1'), map('signal', 'traces', 'transport', 'http'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 1100, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.refused', map('service.instance.id', 'i1'), map('signal', 'traces', 'transport', 'http', 'reason', 'throttled'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 5, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.refused', map('service.instance.id', 'i1'), map('signal', 'traces', 'transport', 'http', 'reason', 'throttled'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 25, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.accepted', map('service.instance.id', 'i2'), map('signal', 'metrics', 'transport', 'grpc'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 0, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.accepted', map('service.instance.id', 'i2'), map('signal', 'metrics', 'transport', 'grpc'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 1000, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.refused', map('service.instance.id', 'i2'), map('signal', 'metrics', 'transport', 'grpc', 'reason', 'invalid'), now() - INTERVAL 1 HOUR, now() - INTERVAL 15 MINUTE, 0, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.refused', map('service.instance.id', 'i2'), map('signal', 'metrics', 'transport', 'grpc', 'reason', 'invalid'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 200, 2, true),
                    ({Collector}, 'otel_track.ingest.requests.refused', map('service.instance.id', 'i2'), map('signal', 'metrics', 'transport', 'grpc', 'reason', 'unavailable'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 10, 2, true)
                    """,
            ],
            ["instance"], ["i1"]),
        ["otel-track-insert-failures"] = new(
            [
                $"""
                INSERT INTO otel_metrics_histogram (ServiceName, MetricName, ResourceAttributes, Attributes, TimeUnix, Count) VALUES
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'ml_metrics', 'outcome', 'failed'), now() - INTERVAL 15 MINUTE, 5),
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'ml_metrics', 'outcome', 'failed'), now() - INTERVAL 1 MINUTE, 9),
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'otel_traces', 'outcome', 'failed'), now() - INTERVAL 15 MINUTE, 3),
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'otel_traces', 'outcome', 'failed'), now() - INTERVAL 1 MINUTE, 3),
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'ml_runs', 'outcome', 'stored'), now() - INTERVAL 15 MINUTE, 0),
                    ({Collector}, 'otel_track.storage.insert.duration', map('service.instance.id', 'i1'), map('table', 'ml_runs', 'outcome', 'stored'), now() - INTERVAL 1 MINUTE, 100)
                """,
            ],
            ["instance", "table"], ["i1/ml_metrics"]),
        ["otel-track-dead-lettered"] = new(
            [
                SumColumns + $"""
                    ({Collector}, 'otel_track.shipper.dead_lettered', map('service.instance.id', 'i1'), map(), now() - INTERVAL 2 HOUR, now() - INTERVAL 30 MINUTE, 1, 2, true),
                    ({Collector}, 'otel_track.shipper.dead_lettered', map('service.instance.id', 'i1'), map(), now() - INTERVAL 2 HOUR, now() - INTERVAL 1 MINUTE, 1, 2, true),
                    ({Collector}, 'otel_track.shipper.dead_lettered', map('service.instance.id', 'i2'), map(), now() - INTERVAL 2 HOUR, now() - INTERVAL 65 MINUTE, 3, 2, true),
                    ({Collector}, 'otel_track.shipper.dead_lettered', map('service.instance.id', 'i2'), map(), now() - INTERVAL 2 HOUR, now() - INTERVAL 30 MINUTE, 3, 2, true),
                    ({Collector}, 'otel_track.shipper.dead_lettered', map('service.instance.id', 'i2'), map(), now() - INTERVAL 2 HOUR, now() - INTERVAL 1 MINUTE, 3, 2, true)
                    """,
            ],
            ["instance"], ["i1"]),
        ["otel-track-job-failures"] = new(
            [
                SumColumns + $"""
                    ({Collector}, 'otel_track.job.failures', map('service.instance.id', 'i1'), map('job', 'drift'), now() - INTERVAL 1 HOUR, now() - INTERVAL 20 MINUTE, 0, 2, true),
                    ({Collector}, 'otel_track.job.failures', map('service.instance.id', 'i1'), map('job', 'drift'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 5, 2, true),
                    ({Collector}, 'otel_track.job.failures', map('service.instance.id', 'i1'), map('job', 'completeness'), now() - INTERVAL 1 HOUR, now() - INTERVAL 20 MINUTE, 1, 2, true),
                    ({Collector}, 'otel_track.job.failures', map('service.instance.id', 'i1'), map('job', 'completeness'), now() - INTERVAL 1 HOUR, now() - INTERVAL 1 MINUTE, 3, 2, true),
                    ({Collector}, 'otel_track.job.failures', map('service.instance.id', 'i2'), map('job', 'slo-status'), now() - INTERVAL 1 HOUR, now() - INTERVAL 2 MINUTE, 3, 2, true)
                    """,
            ],
            ["instance", "job"], ["i1/drift", "i2/slo-status"]),
    };
}
