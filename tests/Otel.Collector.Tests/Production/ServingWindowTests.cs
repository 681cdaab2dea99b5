using Otel.Collector.Production;

namespace Otel.Collector.Tests.Production;

/// <summary>The window of serving telemetry the APIs take: whole minutes ending with the current minute.</summary>
public sealed class ServingWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 20, 42, TimeSpan.Zero);

    [Theory]
    [InlineData("1m", 1)]
    [InlineData("15m", 15)]
    [InlineData("24h", 24 * 60)]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("30d", 30 * 24 * 60)]
    public void Parse_Duration_EndsAtTheEndOfTheCurrentMinute(string text, int minutes)
    {
        var window = ServingWindow.Parse(text);
        var (from, to) = window.EndingAt(Now);

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 21, 0, TimeSpan.Zero), to);
        Assert.Equal(TimeSpan.FromMinutes(minutes), to - from);
        Assert.Equal(text, window.Name);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("31d")]
    [InlineData("1w")]
    [InlineData("h")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("99999999999999m")]
    public void Parse_NotAWindow_SaysWhatToWrite(string text)
    {
        var bad = Assert.Throws<FormatException>(() => ServingWindow.Parse(text));

        Assert.Equal($"window '{text}' is not a length from 1m to 30d: write minutes, hours or days such as 15m, 1h, 6h or 1d", bad.Message);
    }
}
