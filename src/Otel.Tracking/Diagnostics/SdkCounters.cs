using System.Diagnostics.Metrics;

namespace Otel.Tracking.Diagnostics;

/// <summary>Process-wide totals behind <c>ml.sdk.points.logged</c> and <c>ml.sdk.points.dropped</c>.</summary>
internal static class SdkCounters
{
    private static readonly KeyValuePair<string, object?>[] BufferFullTags = [new(SdkTelemetryNames.ErrorType, SdkTelemetryNames.DropReason.BufferFull)];
    private static readonly KeyValuePair<string, object?>[] InvalidKeyTags = [new(SdkTelemetryNames.ErrorType, SdkTelemetryNames.DropReason.InvalidKey)];
    private static readonly KeyValuePair<string, object?>[] RunEndedTags = [new(SdkTelemetryNames.ErrorType, SdkTelemetryNames.DropReason.RunEnded)];

    private static long s_logged;
    private static long s_bufferFull;
    private static long s_invalidKey;
    private static long s_runEnded;

    public static long Logged => Volatile.Read(ref s_logged);

    public static long Dropped(string reason) => reason switch
    {
        SdkTelemetryNames.DropReason.BufferFull => Volatile.Read(ref s_bufferFull),
        SdkTelemetryNames.DropReason.InvalidKey => Volatile.Read(ref s_invalidKey),
        SdkTelemetryNames.DropReason.RunEnded => Volatile.Read(ref s_runEnded),
        _ => 0,
    };

    public static void AddLogged(long count) => Interlocked.Add(ref s_logged, count);

    public static void AddBufferFull(long count) => Interlocked.Add(ref s_bufferFull, count);

    public static void AddInvalidKey() => Interlocked.Increment(ref s_invalidKey);

    public static void AddRunEnded() => Interlocked.Increment(ref s_runEnded);

    public static Measurement<long> ObserveLogged() => new(Logged);

    public static IEnumerable<Measurement<long>> ObserveDropped() =>
    [
        new(Volatile.Read(ref s_bufferFull), BufferFullTags),
        new(Volatile.Read(ref s_invalidKey), InvalidKeyTags),
        new(Volatile.Read(ref s_runEnded), RunEndedTags),
    ];
}
