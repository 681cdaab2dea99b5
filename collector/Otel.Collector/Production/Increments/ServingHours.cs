namespace Otel.Collector.Production.Increments;

/// <summary>Clock hours (UTC), the grain of <c>ml_serving_increment_hours</c>.</summary>
internal static class ServingHours
{
    public static DateTimeOffset Floor(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var floor = Floor(time);
        return floor == time ? floor : floor.AddHours(1);
    }
}
