using Otel.Collector.Production.Linkage;

namespace Otel.Collector.Tests.Production.Linkage;

/// <summary>The window of production telemetry the API takes: whole minutes ending with the current minute.</summary>
public sealed class ProductionWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 20, 42, TimeSpan.Zero);

    [Theory]
    [InlineData(null, 24 * 60)]
    [InlineData("15m", 15)]
    [InlineData("24h", 24 * 60)]
    [InlineData("7d", 7 * 24 * 60)]
    public void Parse_Duration_EndsAtTheEndOfTheCurrentMinute(string? text, int minutes)
    {
        var (window, error) = ProductionWindow.Parse(text, Now);

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 21, 0, TimeSpan.Zero), window!.To);
        Assert.Equal(TimeSpan.FromMinutes(minutes), window.To - window.From);
        Assert.Equal(text ?? "24h", window.Text);
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
        var (window, error) = ProductionWindow.Parse(text, Now);

        Assert.Null(window);
        Assert.Equal($"window '{text}' is not a length from 1m to 30d: write minutes, hours or days such as 15m, 1h, 6h or 1d", error);
    }
}
