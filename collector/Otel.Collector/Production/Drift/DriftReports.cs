using Otel.Collector.Registry;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// Drift of one model version computed on demand (<c>GET /api/models/{name}/drift</c>), with the job's SQL, over the
/// window that ends with the current minute. Every refusal says what was missing and what to do.
/// </summary>
internal sealed class DriftReports(DriftQueries drift, RegistryQueries registry, TimeProvider time)
{
    public static ServingWindow DefaultWindow => ServingWindow.OneHour;

    /// <summary>
    /// Drift of <paramref name="version"/>, or of the version that served the most predictions in the window when null.
    /// </summary>
    /// <exception cref="RegistryRefusal">An unknown model or version, a version without baseline, or no serving telemetry in the window (404).</exception>
    public async Task<IReadOnlyList<DriftResult>> ReportAsync(
        string model, long? version, ServingWindow window, DriftThresholds thresholds, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(model);
        _ = await registry.GetModelAsync(model, cancellationToken) ?? throw ModelUpdates.UnknownModel(model);

        // Up to now: the current minute counts with what has arrived of it.
        var now = time.GetUtcNow();
        var to = ServingWindow.End(now);
        var chosen = version ?? (await drift.BusiestVersionAsync(model, window, to, cancellationToken))?.Version
            ?? throw RegistryRefusal.NotFound(
                $"no version of model '{model}' served in the last {window.Name}: no ml.serving.* telemetry names it (resource attributes " +
                $"ml.model.name={model} and ml.model.version=N, docs/semantic-conventions.md); try a longer --window");
        var stored = await registry.GetVersionAsync(model, chosen, cancellationToken)
            ?? throw (version is null
                ? RegistryRefusal.NotFound($"version {chosen} of model '{model}' served the most in the last {window.Name}, but it is not registered: register it, or pass --version")
                : ModelUpdates.UnknownVersion(model, chosen));
        if (string.IsNullOrEmpty(stored.Baseline))
        {
            throw RegistryRefusal.NotFound(
                $"version {chosen} of model '{model}' has no baseline to compare with: its run {stored.Version.RunId} had logged none when it was " +
                "registered. Log one in the training run (LogDataset with context \"training\", or the SDK's baseline methods) and register a new version.");
        }

        var results = await drift.VersionAsync(model, chosen, window, to, thresholds, cancellationToken);
        return results.Count > 0 ? results : throw RegistryRefusal.NotFound(
            $"version {chosen} of model '{model}' has no serving telemetry of its baseline's features in the last {window.Name}: serving processes send " +
            $"ml.serving.feature and ml.serving.prediction with resource attributes ml.model.name={model} and ml.model.version={chosen} " +
            "(docs/semantic-conventions.md); try a longer --window");
    }
}
