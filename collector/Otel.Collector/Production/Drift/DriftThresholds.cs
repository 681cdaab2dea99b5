namespace Otel.Collector.Production.Drift;

/// <summary>
/// When a drift measurement says <c>warn</c> or <c>drift</c> (PSI at or above <see cref="WarnPsi"/>, <see cref="DriftPsi"/>),
/// and below how many production measurements it says <c>insufficient_data</c> instead (<see cref="MinCount"/>).
/// </summary>
/// <param name="WarnPsi">Default 0.1: the common reading of PSI (below 0.1 stable, 0.1–0.25 moderate shift).</param>
/// <param name="DriftPsi">Default 0.25: above it, a major shift.</param>
/// <param name="MinCount">
/// Default 500. Under no drift, PSI·n is about χ² with (bins − 1) degrees of freedom (the baseline being much larger
/// than the window), so a small window shows a large PSI by chance: with 500 measurements, the 99th percentile of that
/// noise stays below the warn threshold for up to 21 bins (χ²₂₀ at 0.99 is 37.6, /500 = 0.075), which covers deciles and
/// a top 20 of categories with other.
/// </param>
internal sealed record DriftThresholds(double WarnPsi, double DriftPsi, long MinCount)
{
    public static DriftThresholds Default { get; } = new(0.1, 0.25, 500);

    /// <summary>Every problem, each naming the setting through <paramref name="name"/> (a flag or a query parameter).</summary>
    public IEnumerable<string> Validate(Func<string, string> name)
    {
        if (!(WarnPsi > 0 && double.IsFinite(WarnPsi)))
        {
            yield return $"{name(nameof(WarnPsi))} {WarnPsi} must be a positive number (default 0.1)";
        }

        if (!(DriftPsi >= WarnPsi && double.IsFinite(DriftPsi)))
        {
            yield return $"{name(nameof(DriftPsi))} {DriftPsi} must be a number at least the warn threshold {WarnPsi} (default 0.25)";
        }

        if (MinCount < 1)
        {
            yield return $"{name(nameof(MinCount))} {MinCount} must be 1 or more measurements (default 500)";
        }
    }
}
