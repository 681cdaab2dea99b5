using Otel.Cli.Watching;

namespace Otel.Cli.Tests.Watching;

public sealed class StepRateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PerSecond_OnePoll_AverageSinceTheRunStarted()
    {
        var rate = new StepRate();

        rate.Add(Start.AddSeconds(10), 50);

        Assert.Equal(5.0, rate.PerSecond(Start));
    }

    [Fact]
    public void PerSecond_PollsAcrossTheWindow_RecentStepsOverRecentTime()
    {
        var rate = new StepRate();
        rate.Add(Start.AddSeconds(100), 100);   // slow start, left behind by the window
        rate.Add(Start.AddSeconds(130), 400);
        rate.Add(Start.AddSeconds(140), 600);

        Assert.Equal(20.0, rate.PerSecond(Start));
    }

    [Fact]
    public void PerSecond_StalledRun_Zero()
    {
        var rate = new StepRate();
        rate.Add(Start.AddSeconds(10), 100);
        rate.Add(Start.AddSeconds(15), 100);

        Assert.Equal(0.0, rate.PerSecond(Start));
    }

    [Fact]
    public void PerSecond_NothingDoneYet_Unknown()
    {
        var rate = new StepRate();
        rate.Add(Start.AddSeconds(1), 0);

        Assert.Null(rate.PerSecond(Start));
    }

    [Theory]
    [InlineData(250L, 1000L, 25.0, 30.0)]
    [InlineData(1200L, 1000L, 25.0, 0.0)]
    public void SecondsLeft_WithTotalAndRate_StepsLeftOverRate(long done, long total, double perSecond, double expected) =>
        Assert.Equal(expected, StepRate.SecondsLeft(done, total, perSecond));

    [Fact]
    public void SecondsLeft_NoTotalOrNoRate_Unknown()
    {
        Assert.Null(StepRate.SecondsLeft(10, null, 5));
        Assert.Null(StepRate.SecondsLeft(10, 100, 0));
        Assert.Null(StepRate.SecondsLeft(10, 100, null));
    }
}
