namespace Otel.Collector.Jobs;

/// <summary>
/// What one holder wrote in a job's newest term, as the lease query aggregates it: when it claimed the term (if it
/// did), the furthest valid expiry of its claim and renewals, and when it released the lease (if it did). Times are
/// ClickHouse's, in unix milliseconds.
/// </summary>
internal readonly record struct LeaseHolderRows(string Holder, long? ClaimedAtMs, long ExpiresAtMs, long? ReleasedAtMs);
