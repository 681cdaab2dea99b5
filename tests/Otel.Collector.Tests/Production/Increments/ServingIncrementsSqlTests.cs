using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Increments;

namespace Otel.Collector.Tests.Production.Increments;

/// <summary>How a window is split between stored hours, stored minutes and the live tail (<see cref="ServingIncrementsSql.AddIncrementsWindow"/>).</summary>
public sealed class ServingIncrementsSqlTests
{
    private static readonly DateTimeOffset Day = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddIncrementsWindow_JobCaughtUp_ReadsWholeStoredHoursAndByTheMinuteAroundThemAndAroundCuts()
    {
        var progress = Progress(minutesThrough: At(12, 37), hoursThrough: At(12, 0), lateFrom: null);

        var read = new QueryParameters().AddIncrementsWindow(progress, At(9, 37), At(12, 40), [At(11, 37), At(11, 0)]).Values;

        Assert.Equal((Seconds(10, 0), Seconds(12, 0), $"['{Seconds(11, 0)}']", Seconds(12, 37)),
            (read["increments_hours_from"], read["increments_hours_to"], read["increments_minute_hours"], read["increments_tail_from"]));
    }

    [Fact]
    public void AddIncrementsWindow_LateArrivalInAStoredHour_ReadsLiveFromItsMinuteAndNoStoredHourFromItsHourOn()
    {
        var progress = Progress(minutesThrough: At(12, 37), hoursThrough: At(12, 0), lateFrom: At(10, 20));

        var read = new QueryParameters().AddIncrementsWindow(progress, At(9, 37), At(12, 40)).Values;

        Assert.Equal((Seconds(10, 0), Seconds(10, 0), Seconds(10, 20)), (read["increments_hours_from"], read["increments_hours_to"], read["increments_tail_from"]));
    }

    [Fact]
    public void AddIncrementsWindow_NothingStored_ReadsTheWholeWindowLive()
    {
        var progress = Progress(minutesThrough: DateTimeOffset.UnixEpoch, hoursThrough: DateTimeOffset.UnixEpoch, lateFrom: null);

        var read = new QueryParameters().AddIncrementsWindow(progress, At(9, 37), At(12, 40)).Values;

        Assert.Equal((Seconds(9, 37), Seconds(10, 0)), (read["increments_tail_from"], read["increments_hours_to"]));
        Assert.Equal(read["increments_hours_from"], read["increments_hours_to"]);
    }

    private static IncrementsProgress Progress(DateTimeOffset minutesThrough, DateTimeOffset hoursThrough, DateTimeOffset? lateFrom) =>
        new(minutesThrough, minutesThrough, hoursThrough, lateFrom, minutesThrough.AddSeconds(5));

    private static DateTimeOffset At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    private static string Seconds(int hour, int minute) => At(hour, minute).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
