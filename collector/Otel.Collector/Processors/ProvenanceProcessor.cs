using System.Globalization;
using System.Reflection;
using Otel.Collector.Model;
using Otel.Collector.Time;
using Otel.Tracking;

namespace Otel.Collector.Processors;

/// <summary>
/// Builds a run's provenance from what arrived and what only the collector knows: resource attributes
/// normalised to current semantic-convention names (whatever SDK or convention version sent them),
/// the run's seed, and the collector's version and receive time. Runs after redaction, so it copies redacted values.
/// </summary>
internal sealed class ProvenanceProcessor : IIngestProcessor
{
    public const string CollectorVersion = "ml.collector.version";
    public const string ReceivedAt = "ml.collector.received_at";

    /// <summary>Older or foreign names → the semantic-convention name; applied only when the target is absent.</summary>
    private static readonly (string From, string To)[] Aliases =
    [
        ("vcs.repository.ref.revision", "vcs.ref.head.revision"),
        ("vcs.repository.ref.name", "vcs.ref.head.name"),
        ("vcs.repository.ref.type", "vcs.ref.head.type"),
        ("git.commit.sha", "vcs.ref.head.revision"),
        ("git.commit.id", "vcs.ref.head.revision"),
        ("mlflow.source.git.commit", "vcs.ref.head.revision"),
        ("git.branch", "vcs.ref.head.name"),
        ("mlflow.source.git.branch", "vcs.ref.head.name"),
        ("git.repository_url", "vcs.repository.url.full"),
        ("mlflow.source.git.repoURL", "vcs.repository.url.full"),
    ];

    private readonly string _version = typeof(ProvenanceProcessor).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public void Process(IngestBatch batch)
    {
        foreach (var run in batch.Runs)
        {
            run.Provenance = ForRun(run.Resource.Attributes, run.Seed, batch.ReceivedAtUnixNano);
        }
    }

    private List<KeyValuePair<string, string>> ForRun(List<KeyValuePair<string, string>> resource, string? seed, ulong receivedAtUnixNano)
    {
        var provenance = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in resource)
        {
            provenance[key] = value;
        }

        foreach (var (from, to) in Aliases)
        {
            if (provenance.TryGetValue(from, out var value) && !provenance.ContainsKey(to))
            {
                provenance[to] = value;
            }
        }

        if (provenance.TryGetValue("vcs.ref.head.revision", out var revision))
        {
            provenance["vcs.ref.head.revision"] = revision.Trim().ToLowerInvariant();
        }

        if (provenance.TryGetValue("ml.vcs.dirty", out var dirty))
        {
            provenance["ml.vcs.dirty"] = dirty.Trim().ToLowerInvariant() is "true" or "1" or "yes" ? "true" : "false";
        }

        if (seed is { Length: > 0 })
        {
            provenance[MlSemanticConventions.RunSeed] = seed;
        }

        provenance[CollectorVersion] = _version;
        provenance[ReceivedAt] = UnixTime.FromNanos((long)receivedAtUnixNano).ToString("O", CultureInfo.InvariantCulture);
        return [.. provenance];
    }
}
