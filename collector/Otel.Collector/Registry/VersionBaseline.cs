using System.Text.Json;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// A version's training baseline as frozen at registration (<c>ml_model_versions.Baseline</c>, <see cref="ModelBaseline"/>
/// JSON), for serving libraries to bin against (docs/semantic-conventions.md, "Baselines").
/// </summary>
internal static class VersionBaseline
{
    /// <exception cref="RegistryRefusal">404 when the run had logged no baseline when the version was registered.</exception>
    public static ModelBaseline Of(StoredVersion stored)
    {
        var version = stored.Version;
        if (string.IsNullOrEmpty(stored.Baseline))
        {
            throw RegistryRefusal.NotFound(
                $"version {version.Version} of model '{version.Name}' has no baseline: its run {version.RunId} had logged none when it was " +
                "registered. Log one in the training run (LogDataset with context \"training\", or the SDK's baseline methods) and register a new version.");
        }

        var baseline = JsonSerializer.Deserialize<ModelBaseline>(stored.Baseline, QueryJson.Options)
            ?? throw new InvalidDataException($"The stored baseline of {version.Name} version {version.Version} is JSON null.");
        return baseline with { Name = version.Name, Version = version.Version, RunId = version.RunId };
    }
}
