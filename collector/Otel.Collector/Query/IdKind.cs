namespace Otel.Collector.Query;

/// <summary>
/// A kind of id a user may type by prefix (docs/cli.md, "Ids and prefixes"): run ids, dataset digests, artifact
/// SHA-256s. <see cref="Noun"/> and <see cref="Plural"/> are how messages name it.
/// </summary>
internal sealed record IdKind(string Name, string Noun, string Plural)
{
    public static readonly IdKind Run = new("run", "run id", "runs");
    public static readonly IdKind Dataset = new("dataset", "dataset digest", "datasets");
    public static readonly IdKind Artifact = new("artifact", "artifact sha256", "artifacts");

    /// <summary>The order an id of no named kind is looked up in: a run wins over the same value as an artifact, which wins over a dataset (as lineage reads it).</summary>
    public static readonly IReadOnlyList<IdKind> All = [Run, Artifact, Dataset];

    /// <summary>The kind named in a request (<c>run</c>, <c>dataset</c>, <c>artifact</c>), or null when unknown.</summary>
    public static IdKind? Parse(string name) => All.FirstOrDefault(k => k.Name == name);
}
