namespace Otel.Collector.Provenance;

/// <summary>Which metadata every run must carry; a run's completeness is the fraction present.</summary>
internal sealed class CompletenessOptions
{
    /// <summary>
    /// The mandatory fields. Built in: <c>commit</c>, <c>clean_tree</c>, <c>dataset_digest</c>, <c>params</c>,
    /// <c>runtime</c>, <c>seed</c>, <c>ci_run</c>, <c>container_image</c>; any other entry of the form
    /// <c>attribute:NAME</c> requires that provenance attribute. Default: commit, clean_tree, dataset_digest,
    /// params, runtime (<c>--mandatory</c> on serve).
    /// </summary>
    public IList<string> MandatoryFields { get; } = ["commit", "clean_tree", "dataset_digest", "params", "runtime"];

    /// <summary>How long run changes are gathered before the collector holding the job recomputes completeness. Default 500 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the completeness job looks for changed runs without being woken: runs received by a collector that
    /// does not hold the job are scored within this long. Default 5 s.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
