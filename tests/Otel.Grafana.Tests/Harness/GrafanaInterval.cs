namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// The interval Grafana gives a panel's query: the time range over the panel's width in pixels (its max data
/// points), rounded to a nice step by rangeUtil.roundInterval.
/// </summary>
internal static class GrafanaInterval
{
    /// <summary>Pixels per grid column on a 1920-pixel-wide screen (24 columns).</summary>
    public const int PixelsPerColumn = 80;

    // rangeUtil.roundInterval: below each bound (ms), the nice interval (ms) it rounds to.
    private static readonly (long Below, long Interval)[] s_steps =
    [
        (15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1_500, 1_000), (3_500, 2_000),
        (7_500, 5_000), (12_500, 10_000), (17_500, 15_000), (25_000, 20_000), (45_000, 30_000), (90_000, 60_000),
        (210_000, 120_000), (450_000, 300_000), (750_000, 600_000), (1_050_000, 900_000), (1_500_000, 1_200_000),
        (2_700_000, 1_800_000), (5_400_000, 3_600_000), (9_000_000, 7_200_000), (16_200_000, 10_800_000),
        (32_400_000, 21_600_000), (86_400_000, 43_200_000), (604_800_000, 86_400_000),
    ];

    /// <summary>The interval for a panel <paramref name="widthColumns"/> grid columns wide over <paramref name="range"/>.</summary>
    public static TimeSpan ForPanel(GrafanaTimeRange range, int widthColumns) =>
        Round(range.Span / Math.Max(widthColumns * PixelsPerColumn, 1));

    public static TimeSpan Round(TimeSpan raw)
    {
        var milliseconds = (long)raw.TotalMilliseconds;
        foreach (var (below, interval) in s_steps)
        {
            if (milliseconds < below)
            {
                return TimeSpan.FromMilliseconds(interval);
            }
        }

        return TimeSpan.FromDays(7);
    }
}
