using System.Globalization;
using Otel.Collector.Ingest;

namespace Otel.Collector.Limits;

/// <summary>
/// What the edge limits made of one request: either it is refused whole (<see cref="Refusal"/>,
/// HTTP 413 / gRPC RESOURCE_EXHAUSTED), or some items were taken out of it (<see cref="Rejected"/>,
/// with the first few reasons) and the rest goes on to ingest.
/// </summary>
internal sealed class EdgeVerdict(string itemNoun)
{
    /// <summary>Where a client reads what each limit is and how to raise it.</summary>
    public const string DocsReference = "docs/limits.md";

    private const int MaxReasons = 5;
    private readonly List<string> _reasons = [];

    /// <summary>Items (spans, data points, log records) removed from the request.</summary>
    public long Rejected { get; private set; }

    /// <summary>Set when the whole request is refused; says which limit and what to do.</summary>
    public string? Refusal { get; private set; }

    public void Reject(long count, string reason)
    {
        if (count <= 0)
        {
            return;
        }

        Rejected += count;
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(reason);
        }
    }

    public void Refuse(string reason) => Refusal = reason;

    /// <summary>The partial-success message, or null when nothing was rejected.</summary>
    public string? Message => Rejected == 0
        ? null
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{Rejected} {itemNoun}(s) rejected by the collector's limits (see {DocsReference}): {string.Join("; ", _reasons)}{(Rejected > _reasons.Count ? "; …" : string.Empty)}");

    /// <summary>
    /// The answer to send: ingest's, with the items rejected here added to its rejected count and
    /// message. A refused ingest (throttled, unavailable) is sent as it is: the client retries the
    /// whole request and hears about these items then.
    /// </summary>
    public IngestResult Merge(IngestResult ingest)
    {
        if (Rejected == 0 || ingest.Outcome != IngestOutcome.Accepted)
        {
            return ingest;
        }

        var message = string.IsNullOrEmpty(ingest.Message) ? Message : $"{Message}. {ingest.Message}";
        return ingest with { Rejected = Rejected + Math.Max(0, ingest.Rejected), Message = message };
    }
}
