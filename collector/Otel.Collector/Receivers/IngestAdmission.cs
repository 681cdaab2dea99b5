using System.Threading.RateLimiting;

namespace Otel.Collector.Receivers;

/// <summary>
/// Bounds the memory export requests take under sustained overload: at most
/// <see cref="OtlpReceiverOptions.MaxConcurrentRequests"/> OTLP requests (gRPC and HTTP) are checked,
/// decoded and mapped at once; the next ones wait up to <see cref="OtlpReceiverOptions.MaxQueuedRequests"/>,
/// and beyond that are answered at once with 429 and Retry-After (gRPC: UNAVAILABLE with RetryInfo),
/// which OTLP exporters retry. A request asks for its turn only once its whole body has arrived, at
/// Kestrel's minimum data rate: a client that sends slowly holds no turn, so it cannot make valid
/// requests wait (docs/limits.md). Past admission, the export pipeline's own bounds push back.
/// </summary>
internal sealed class IngestAdmission(OtlpReceiverOptions options) : IDisposable
{
    /// <summary>Seconds a refused client is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The refusal message of a request that found every turn and queue place taken.</summary>
    public const string BusyMessage = "The collector is busy with other export requests; retry later.";

    private readonly ConcurrencyLimiter _gate = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.MaxConcurrentRequests,
        QueueLimit = options.MaxQueuedRequests,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A turn to decode and ingest one request; not acquired when the queue is full. Dispose it when done.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _gate.AcquireAsync(1, cancellationToken);

    public void Dispose() => _gate.Dispose();
}
