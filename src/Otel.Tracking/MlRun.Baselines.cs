using Otel.Tracking.Artifacts;
using Otel.Tracking.Baselines;
using Otel.Tracking.Datasets;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking;

/// <summary>
/// Baselines: profiles of the training data and of the model's outputs on validation data, one <c>ml.baseline</c>
/// event each, that a registered version freezes and serving libraries bin production values against
/// (docs/semantic-conventions.md, "Baselines"). Numeric values get quantile bins (deciles by default) with counts;
/// categorical values the counts of their top categories plus <c>__other__</c>. Missing values (NaN, null, blank)
/// are not counted. A later baseline of the same kind and name replaces the earlier one in the run.
/// </summary>
public sealed partial class MlRun
{
    /// <summary>
    /// Logs the baseline of a numeric input feature: <see cref="MlTrackingOptions.BaselineBins"/> quantile bins (deciles by
    /// default) of <paramref name="values"/> with their counts. Ties at an edge stay in one bin, so a column with few
    /// distinct values gets fewer bins (a constant one a single edge).
    /// </summary>
    /// <param name="name">The feature's name, as the serving code will record it (<c>ml.feature.name</c>).</param>
    /// <param name="values">The feature's values in the training data; NaN is not counted.</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, a bin count out of range (2 to 1,000), or no value that is a number.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogFeatureBaseline(string name, IEnumerable<double> values) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Feature, values, bins: null, edges: null);

    /// <inheritdoc cref="LogFeatureBaseline(string, IEnumerable{double})"/>
    /// <param name="name">The name, as the serving code will record it.</param>
    /// <param name="values">The values; NaN is not counted.</param>
    /// <param name="bins">Number of quantile bins, 2 to 1,000, instead of <see cref="MlTrackingOptions.BaselineBins"/>.</param>
    public BaselineDistribution LogFeatureBaseline(string name, IEnumerable<double> values, int bins) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Feature, values, bins, edges: null);

    /// <summary>Logs the baseline of a numeric input feature binned at the given edges.</summary>
    /// <param name="name">The feature's name (<c>ml.feature.name</c>).</param>
    /// <param name="values">The feature's values in the training data; NaN is not counted.</param>
    /// <param name="edges">Inner bin edges, finite; sorted and deduplicated. Bin i holds edges[i-1] &lt; v &lt;= edges[i].</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, no edge or one that is not finite, or no value that is a number.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogFeatureBaseline(string name, IEnumerable<double> values, IReadOnlyList<double> edges) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Feature, values, bins: null, edges);

    /// <summary>
    /// Logs the baseline of a categorical input feature: the counts of its <see cref="MlTrackingOptions.BaselineTopCategories"/>
    /// most frequent categories (20 by default; ties in ordinal order), then all others as <c>__other__</c>.
    /// </summary>
    /// <param name="name">The feature's name (<c>ml.feature.name</c>).</param>
    /// <param name="values">The feature's values in the training data; null and blank values are not counted.</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, a category count out of range (1 to 1,000), or no value.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogFeatureBaseline(string name, IEnumerable<string?> values) =>
        LogCategoricalBaseline(name, MlSemanticConventions.BaselineKinds.Feature, values, topCategories: null);

    /// <inheritdoc cref="LogFeatureBaseline(string, IEnumerable{string?})"/>
    /// <param name="name">The name, as the serving code will record it.</param>
    /// <param name="values">The values; null and blank values are not counted.</param>
    /// <param name="topCategories">Categories kept, 1 to 1,000, instead of <see cref="MlTrackingOptions.BaselineTopCategories"/>.</param>
    public BaselineDistribution LogFeatureBaseline(string name, IEnumerable<string?> values, int topCategories) =>
        LogCategoricalBaseline(name, MlSemanticConventions.BaselineKinds.Feature, values, topCategories);

    /// <summary>Logs the baseline of a numeric model output (a score, a regression value) on validation data.</summary>
    /// <param name="name">The output's name, as the serving code will record it (<c>ml.prediction.name</c>).</param>
    /// <param name="values">The model's outputs; NaN is not counted.</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, a bin count out of range (2 to 1,000), or no value that is a number.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogPredictionBaseline(string name, IEnumerable<double> values) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Prediction, values, bins: null, edges: null);

    /// <inheritdoc cref="LogPredictionBaseline(string, IEnumerable{double})"/>
    /// <param name="name">The name, as the serving code will record it.</param>
    /// <param name="values">The values; NaN is not counted.</param>
    /// <param name="bins">Number of quantile bins, 2 to 1,000, instead of <see cref="MlTrackingOptions.BaselineBins"/>.</param>
    public BaselineDistribution LogPredictionBaseline(string name, IEnumerable<double> values, int bins) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Prediction, values, bins, edges: null);

    /// <summary>Logs the baseline of a numeric model output binned at the given edges.</summary>
    /// <param name="name">The output's name (<c>ml.prediction.name</c>).</param>
    /// <param name="values">The model's outputs; NaN is not counted.</param>
    /// <param name="edges">Inner bin edges, finite; sorted and deduplicated.</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, no edge or one that is not finite, or no value that is a number.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogPredictionBaseline(string name, IEnumerable<double> values, IReadOnlyList<double> edges) =>
        LogNumericBaseline(name, MlSemanticConventions.BaselineKinds.Prediction, values, bins: null, edges);

    /// <summary>Logs the baseline of a categorical model output (a predicted class) on validation data.</summary>
    /// <param name="name">The output's name (<c>ml.prediction.name</c>).</param>
    /// <param name="values">The predicted classes; null and blank values are not counted.</param>
    /// <returns>The logged distribution.</returns>
    /// <exception cref="ArgumentException">An empty name, a category count out of range (1 to 1,000), or no value.</exception>
    /// <exception cref="InvalidOperationException">The run has ended.</exception>
    public BaselineDistribution LogPredictionBaseline(string name, IEnumerable<string?> values) =>
        LogCategoricalBaseline(name, MlSemanticConventions.BaselineKinds.Prediction, values, topCategories: null);

    /// <inheritdoc cref="LogPredictionBaseline(string, IEnumerable{string?})"/>
    /// <param name="name">The name, as the serving code will record it.</param>
    /// <param name="values">The values; null and blank values are not counted.</param>
    /// <param name="topCategories">Categories kept, 1 to 1,000, instead of <see cref="MlTrackingOptions.BaselineTopCategories"/>.</param>
    public BaselineDistribution LogPredictionBaseline(string name, IEnumerable<string?> values, int topCategories) =>
        LogCategoricalBaseline(name, MlSemanticConventions.BaselineKinds.Prediction, values, topCategories);

    private BaselineDistribution LogNumericBaseline(string name, string kind, IEnumerable<double> values, int? bins, IReadOnlyList<double>? edges)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        var count = bins ?? _settings.BaselineBins;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, BaselineSettings.MinBins, nameof(bins));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BaselineSettings.MaxBins, nameof(bins));
        ThrowIfEnded();
        var start = _time.GetUtcNow();
        var list = values as IReadOnlyCollection<double> ?? [.. values];
        var bounds = edges is null ? NumericBaseline.QuantileEdges(list, count) : NumericBaseline.CheckedEdges(edges, nameof(edges));
        var counts = NumericBaseline.Count(list, bounds);
        if (bounds.Length == 0 || counts.Sum() == 0)
        {
            throw new ArgumentException($"baseline '{name}' has no value that is a number (NaN is not counted): give the values it was trained on.", nameof(values));
        }

        var baseline = BaselineDistributions.Numeric(name, kind, bounds, counts, digest: "");
        EmitRecords(MlSemanticConventions.BaselineEvent, [BaselineAttributes.Of(baseline)], start);
        return baseline;
    }

    private BaselineDistribution LogCategoricalBaseline(string name, string kind, IEnumerable<string?> values, int? topCategories)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        var top = topCategories ?? _settings.BaselineTopCategories;
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(topCategories));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, BaselineSettings.MaxTopCategories, nameof(topCategories));
        ThrowIfEnded();
        var start = _time.GetUtcNow();
        var (categories, counts) = CategoricalBaseline.Count(values, top);
        if (counts.Sum() == 0)
        {
            throw new ArgumentException($"baseline '{name}' has no value (null and blank values are not counted): give the values it was trained on.", nameof(values));
        }

        var baseline = BaselineDistributions.Categorical(name, kind, categories, counts, digest: "");
        EmitRecords(MlSemanticConventions.BaselineEvent, [BaselineAttributes.Of(baseline)], start);
        return baseline;
    }

    /// <summary>A sampler when <see cref="MlTrackingOptions.ProfileTrainingDatasets"/> asks for the baseline of a training dataset.</summary>
    private DatasetSampler? SamplerFor(string context) =>
        _settings.ProfileTrainingDatasets && context == DefaultDatasetContext ? new DatasetSampler(_settings.BaselineMaxRows) : null;

    /// <summary>
    /// Logs one baseline per profiled column of the dataset, a feature's or, for <paramref name="targets"/>, a
    /// prediction's; a dataset that cannot be profiled is reported, never thrown.
    /// </summary>
    /// <exception cref="ArgumentException">The table has no column <paramref name="targets"/>.</exception>
    private void LogDatasetBaseline(DatasetInfo info, DatasetSampler? sampler, string? targets, DateTimeOffset start)
    {
        if (sampler is null)
        {
            return;
        }

        var (sample, problem) = sampler.Complete();
        if (sample is null)
        {
            ArtifactEventSource.Log.BaselineSkipped(Id, info.Name, problem ?? "no rows");
            return;
        }

        if (!string.IsNullOrEmpty(targets) && !sample.Columns.Any(c => c.Name == targets))
        {
            throw new ArgumentException(
                $"targets: dataset '{info.Name}' has no column '{targets}'; its columns are {string.Join(", ", sample.Columns.Select(c => c.Name))}", nameof(targets));
        }

        info.Baseline = sample.Profile(BaselineSettings.From(_settings), info.Digest, targets);
        EmitRecords(MlSemanticConventions.BaselineEvent, [.. info.Baseline.Select(BaselineAttributes.Of)], start);
    }
}
