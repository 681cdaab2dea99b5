namespace Otel.Tracking;

/// <summary>What a new run is called and what it starts with.</summary>
public sealed class RunOptions
{
    /// <summary>Experiment the run belongs to (<c>ml.experiment.name</c>). Default: <c>"Default"</c>, as in MLflow.</summary>
    public string? Experiment { get; set; }

    /// <summary>Human-readable run name (<c>ml.run.name</c>). Default: <c>run-</c> and the first 8 characters of the run id.</summary>
    public string? Name { get; set; }

    /// <summary>Id of the parent run for nested runs and sweeps (<c>ml.run.parent_id</c>). Default: none.</summary>
    public string? ParentRunId { get; set; }

    /// <summary>
    /// Parameters, sent as <c>ml.param.&lt;key&gt;</c> with their native type. Supported values: string, bool,
    /// integers (sent as long), float, double and decimal (sent as double); as text: enums by name, dates in ISO 8601
    /// (with the offset when the value has one), lists and dictionaries as JSON (<c>[1, 2]</c>), anything else as its
    /// invariant string. Null values and empty keys are skipped; a value whose only text is its type name (an object
    /// without its own ToString) makes <see cref="MlTracking.StartRun"/> throw an <see cref="ArgumentException"/>.
    /// </summary>
    public IDictionary<string, object?> Params { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// Tags at start, sent as <c>ml.tag.&lt;key&gt;</c>. More can be set while running with <see cref="MlRun.SetTag"/>.
    /// Null values and empty keys are skipped, as for <see cref="Params"/>.
    /// </summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The random seed the training code uses, recorded as <c>ml.run.seed</c> on the run's spans so the run can be
    /// reproduced. The SDK only records it; seeding your random number generators stays your code's job. Default: none.
    /// </summary>
    public long? Seed { get; set; }

    /// <summary>
    /// How many steps the run means to take, sent as <c>ml.run.total_steps</c> on the run's spans so that
    /// <c>otel-track runs watch</c> can show a progress bar, the step rate and an ETA. The steps counted are those of
    /// the most advanced metric the run logs whose steps stay within the total (log the metric that counts these steps
    /// with explicit steps; a finer per-batch metric past the total does not count). Must be positive; a value of zero
    /// or less is not sent. Default: none.
    /// </summary>
    public long? TotalSteps { get; set; }

    /// <summary>
    /// When true, the <c>ml.run</c> span becomes <see cref="System.Diagnostics.Activity.Current"/> for the code that
    /// started the run (until the run ends), so the user's own spans nest under the run. Default: false, so that
    /// starting a run never re-parents unrelated spans of the host.
    /// </summary>
    public bool MakeRunSpanCurrent { get; set; }
}
