namespace Otel.Tracking.Baselines;

/// <summary>How a column is profiled: the number of quantile bins of numeric columns, the top categories kept, the rows sampled.</summary>
internal sealed record BaselineSettings(int Bins, int TopCategories, int MaxRows)
{
    public const int MinBins = 2;
    public const int MaxBins = 1000;
    public const int MaxTopCategories = 1000;

    public static BaselineSettings From(MlTrackingOptions options) =>
        new(options.BaselineBins, options.BaselineTopCategories, options.BaselineMaxRows);
}
