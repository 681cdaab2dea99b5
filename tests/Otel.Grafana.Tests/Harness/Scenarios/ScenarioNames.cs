namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// What the scenarios seeded, the same in every scenario's database: values for dashboard variables and for the
/// expectations of alert tests. Ids are fixed strings, so a query can name them in any scenario.
/// </summary>
public sealed record ScenarioNames
{
    public string Experiment { get; } = "grafana-sweep";

    /// <summary>The sweep's parent run.</summary>
    public string SweepRunId { get; } = "grafana-sweep-parent";

    /// <summary>The sweep's child runs, all FINISHED with loss and accuracy curves, params, datasets and a model artifact.</summary>
    public IReadOnlyList<string> RunIds { get; } = ["grafana-run-1", "grafana-run-2", "grafana-run-3", "grafana-run-4"];

    /// <summary>The run with the best val_accuracy: trained version 2, the champion.</summary>
    public string BestRunId => RunIds[^1];

    /// <summary>The run that trained version 1, the champion before.</summary>
    public string PreviousRunId => RunIds[^2];

    public IReadOnlyList<string> MetricKeys { get; } = ["loss", "accuracy", "val_loss", "val_accuracy"];

    public string Model { get; } = "grafana-churn";

    /// <summary>The champion, serving for the last two hours.</summary>
    public long Version { get; } = 2;

    public long PreviousVersion { get; } = 1;

    public string Alias { get; } = "champion";

    public string Environment { get; } = "production";

    /// <summary>The serving process's <c>service.name</c>.</summary>
    public string Service { get; } = "grafana-scorer";

    public string Route { get; } = "/score";

    /// <summary>Numeric features (histograms on the baseline's bounds) then the categorical one.</summary>
    public IReadOnlyList<string> Features { get; } = ["age", "income", "country"];

    /// <summary>The feature that shifts in <see cref="Scenario.Drifted"/>.</summary>
    public string DriftedFeature { get; } = "age";

    public string Prediction { get; } = "score";

    public IReadOnlyList<string> Slos { get; } = ["grafana-churn-availability", "grafana-churn-latency"];

    /// <summary>The collector's own <c>service.name</c> (docs/self-monitoring.md).</summary>
    public string CollectorService { get; } = "otel-track-collector";

    /// <summary><see cref="Scenario.Failing"/>: runs that ended FAILED.</summary>
    public IReadOnlyList<string> FailedRunIds { get; } = ["grafana-failed-1", "grafana-failed-2", "grafana-failed-3"];

    /// <summary><see cref="Scenario.Failing"/>: runs marked LOST by the collector's lost-runs job.</summary>
    public IReadOnlyList<string> LostRunIds { get; } = ["grafana-lost-1", "grafana-lost-2"];

    /// <summary><see cref="Scenario.Failing"/>: a RUNNING run logging NaN and infinite values and a diverging loss, now.</summary>
    public string DivergingRunId { get; } = "grafana-diverging";

    /// <summary><see cref="Scenario.Failing"/>: a RUNNING run still beating, whose last point is 40 minutes old.</summary>
    public string StalledRunId { get; } = "grafana-stalled";

    /// <summary><see cref="Scenario.Failing"/>: two runs of the same code, data, params and seed (M11).</summary>
    public IReadOnlyList<string> DuplicateRunIds { get; } = ["grafana-duplicate-1", "grafana-duplicate-2"];

    /// <summary>Every run of <see cref="Scenario.Failing"/> beyond the healthy ones scores below the completeness target.</summary>
    public IReadOnlyList<string> IncompleteRunIds => [.. FailedRunIds, .. LostRunIds, DivergingRunId, StalledRunId];
}
