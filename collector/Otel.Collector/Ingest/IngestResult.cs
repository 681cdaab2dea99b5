namespace Otel.Collector.Ingest;

/// <summary>What became of one export request.</summary>
internal enum IngestOutcome
{
    /// <summary>Stored (or durably queued). <see cref="IngestResult.Rejected"/> items may have been refused: OTLP partial success.</summary>
    Accepted,

    /// <summary>The pipeline is full: nothing was kept; the client should retry after <see cref="IngestResult.RetryAfter"/> (HTTP 429 / gRPC UNAVAILABLE with RetryInfo).</summary>
    Throttled,

    /// <summary>Storage is failing: nothing was kept; retryable (HTTP 503 / gRPC UNAVAILABLE).</summary>
    Unavailable,
}

/// <summary>
/// The outcome of an export request. For <see cref="IngestOutcome.Accepted"/>, <see cref="Rejected"/>
/// counts the spans, data points or log records refused and <see cref="Message"/> says why.
/// </summary>
internal readonly record struct IngestResult(IngestOutcome Outcome, long Rejected, string? Message, TimeSpan? RetryAfter)
{
    public static IngestResult Ok => new(IngestOutcome.Accepted, 0, null, null);

    public static IngestResult Partial(long rejected, string message) => new(IngestOutcome.Accepted, rejected, message, null);

    public static IngestResult Throttle(TimeSpan retryAfter, string message) => new(IngestOutcome.Throttled, 0, message, retryAfter);

    public static IngestResult Down(TimeSpan retryAfter, string message) => new(IngestOutcome.Unavailable, 0, message, retryAfter);
}
