using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>The newest <c>ml_models</c> row of a name.</summary>
internal sealed record StoredModel(
    string Name, string Description, IReadOnlyDictionary<string, string> Tags, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The newest <c>ml_model_versions</c> row of a version: what the API shows, plus the columns it does not show yet
/// (the baseline, issue 10), which a rewrite of the row must copy unchanged.
/// </summary>
internal sealed record StoredVersion(ModelVersion Version, string Baseline);
