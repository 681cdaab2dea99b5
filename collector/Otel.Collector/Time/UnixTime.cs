namespace Otel.Collector.Time;

internal static class UnixTime
{
    public static ulong NowNanos(this TimeProvider time) => ToNanos(time.GetUtcNow());

    public static ulong ToNanos(DateTimeOffset value) => (ulong)(value - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static DateTimeOffset FromNanos(long unixNanos) => DateTimeOffset.UnixEpoch.AddTicks(unixNanos / 100);
}
