namespace Otel.Cli.Output;

/// <summary>
/// A series as one line of Unicode block characters (▁ lowest to █ highest, scaled between the finite minimum and
/// maximum), as W&amp;B's CLI prints run history. NaN and infinities have no height: they are drawn as gaps.
/// </summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>What stands for a NaN or infinite value: a gap in the line.</summary>
    public const char Gap = ' ';

    /// <summary>One character per value.</summary>
    public static string Render(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return new string(Gap, values.Count);
        }

        var low = finite.Min();
        var span = finite.Max() - low;
        var line = new char[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            // A flat series sits in the middle, so it reads as flat rather than as all-low or all-high.
            line[i] = !double.IsFinite(value) ? Gap
                : span == 0 ? Blocks[Blocks.Length / 2 - 1]
                : Blocks[(int)Math.Round((value - low) / span * (Blocks.Length - 1))];
        }

        return new string(line);
    }
}
