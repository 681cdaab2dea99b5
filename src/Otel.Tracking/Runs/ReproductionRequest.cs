namespace Otel.Tracking.Runs;

/// <summary>
/// Set by <c>otel-track reproduce --run</c> in the environment of the command it re-runs: the run with
/// the original's experiment and name is linked to the original through <c>ml.run.reproduces</c>.
/// </summary>
internal static class ReproductionRequest
{
    public const string RunIdVariable = "OTEL_TRACK_REPRODUCES";
    public const string ExperimentVariable = "OTEL_TRACK_REPRODUCE_EXPERIMENT";
    public const string RunNameVariable = "OTEL_TRACK_REPRODUCE_RUN_NAME";

    /// <summary>The run id this run reproduces, when the environment asks for this experiment and name.</summary>
    public static string? For(string experiment, string name, Func<string, string?>? environment = null)
    {
        environment ??= System.Environment.GetEnvironmentVariable;
        var original = environment(RunIdVariable);
        return !string.IsNullOrEmpty(original)
            && string.Equals(environment(ExperimentVariable), experiment, StringComparison.Ordinal)
            && string.Equals(environment(RunNameVariable), name, StringComparison.Ordinal)
            ? original
            : null;
    }
}
