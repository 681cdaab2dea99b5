namespace Otel.Tracking.Query;

/// <summary>
/// The longest run filter the query API takes (<c>/api/runs?filter=</c>): one number for the collector that enforces
/// it and the CLI that checks it before sending, so the two never disagree.
/// </summary>
public static class RunFilterLimits
{
    /// <summary>At most this many characters (UTF-16 code units) in one filter, and in one order-by field.</summary>
    public const int MaxLength = 4096;
}
