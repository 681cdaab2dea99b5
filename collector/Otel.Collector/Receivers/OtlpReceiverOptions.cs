using Otel.Collector.Limits;

namespace Otel.Collector.Receivers;

/// <summary>Limits of the OTLP receivers (gRPC and HTTP), validated at start.</summary>
internal sealed class OtlpReceiverOptions
{
    /// <summary>The default of <see cref="MaxRequestBodyBytes"/>: 32 MiB.</summary>
    public const int DefaultMaxRequestBodyBytes = 32 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxJsonDepth"/>.</summary>
    public const int DefaultMaxJsonDepth = 64;

    /// <summary>
    /// Largest accepted export request, in bytes. Default 32 MiB (the OTLP specification
    /// recommends servers accept at most 64 MiB; the OpenTelemetry SDKs send batches of 512 spans,
    /// far below either). Range 1 to <see cref="int.MaxValue"/>. Applies both to the body as sent
    /// and to the body after gzip decompression (HTTP 413 / gRPC RESOURCE_EXHAUSTED), and is the
    /// gRPC maximum receive message size.
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Deepest nesting of objects and arrays accepted in an OTLP/JSON body. Default 64, range 8 to
    /// 1000. Deeper bodies are rejected with HTTP 400; it bounds the stack a hostile body can use.
    /// </summary>
    public int MaxJsonDepth { get; set; } = DefaultMaxJsonDepth;

    /// <summary>
    /// Export requests checked, decoded and mapped at once, over gRPC and HTTP together, once their bodies have arrived. Default 16, range 1 to
    /// 10,000: with the 32 MiB body limit it bounds the memory requests take under overload (<see cref="IngestAdmission"/>).
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>Export requests whose bodies have arrived that wait for a turn; more are answered 429 with Retry-After at once. Default 256, range 0 to 100,000.</summary>
    public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>
    /// Bytes all OTLP/HTTP request bodies may hold together while they arrive, wait for a turn and are decoded
    /// (<see cref="BodyMemoryBudget"/>); a body that would pass it is answered 429 with Retry-After. Default 512 MiB,
    /// range 1 MiB to <see cref="int.MaxValue"/>. One body alone is always read, up to <see cref="MaxRequestBodyBytes"/>.
    /// </summary>
    public int MaxBufferedBodyBytes { get; set; } = 512 * 1024 * 1024;

    /// <summary>The default of <see cref="MinRequestBodyBytesPerSecond"/>: Kestrel's own default.</summary>
    public const int DefaultMinRequestBodyBytesPerSecond = 240;

    /// <summary>
    /// Slowest a request body may arrive, in bytes per second averaged after a 5 s grace period; a
    /// slower connection is closed. Default 240 (Kestrel's default), range 1 to <see cref="int.MaxValue"/>.
    /// A request takes its admission turn only once its body has arrived, so slow senders never hold
    /// a turn; this bounds how long they hold a connection and the bytes received so far.
    /// </summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = DefaultMinRequestBodyBytesPerSecond;

    /// <summary>
    /// What one request may carry (attributes, value sizes, nesting, events, params, data points),
    /// enforced after decoding: items over a limit are rejected through OTLP partial success, a
    /// metrics request with too many data points is refused with HTTP 413 / RESOURCE_EXHAUSTED.
    /// See docs/limits.md.
    /// </summary>
    public EdgeLimits Limits { get; } = new();
}
