namespace Otel.Cli.Output;

/// <summary>A text progress bar (█ done, ░ to go), the same on a terminal and in a pipe.</summary>
internal static class ProgressBar
{
    public static string Render(double fraction, int width)
    {
        var done = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new string('█', done) + new string('░', width - done);
    }
}
