namespace Otel.Cli.Report;

/// <summary>
/// An axis's range widened to round numbers, with ticks at 1, 2 or 5 times a power of ten (as chart libraries do), so
/// tick labels read 0.2, 0.4, 0.6 rather than 0.1873, 0.3746.
/// </summary>
internal sealed record AxisTicks(double Min, double Max, IReadOnlyList<double> Values)
{
    /// <summary>Ticks spanning <paramref name="min"/> to <paramref name="max"/>; whole numbers only when <paramref name="integers"/> (steps).</summary>
    public static AxisTicks For(double min, double max, bool integers = false, int wanted = 5)
    {
        if (min == max)
        {
            // One value: a band around it, so it sits mid-axis instead of on a degenerate scale.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var step = NiceStep((max - min) / wanted);
        if (integers)
        {
            step = Math.Max(1, step);
        }

        var first = Math.Floor(min / step) * step;
        var last = Math.Ceiling(max / step) * step;
        var values = new List<double>();
        for (var i = 0; first + (i * step) <= last + (step / 2); i++)
        {
            // Rounded to the step's precision, so 0.30000000000000004 prints as 0.3.
            values.Add(Math.Round(first + (i * step), Math.Max(0, Math.Min(15, -(int)Math.Floor(Math.Log10(step)) + 1))));
        }

        return new AxisTicks(first, last, values);
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
