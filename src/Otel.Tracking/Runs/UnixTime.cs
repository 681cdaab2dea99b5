namespace Otel.Tracking.Runs;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and the unix nanoseconds of the wire contract.</summary>
internal static class UnixTime
{
    private const long NanosPerTick = 100;

    public static long ToNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosPerTick;

    public static DateTimeOffset FromNanoseconds(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / NanosPerTick);
}
