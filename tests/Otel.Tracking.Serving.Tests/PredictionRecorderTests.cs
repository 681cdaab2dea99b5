using Microsoft.Extensions.Logging;
using Otel.Tracking.Serving.Tests.Infrastructure;

using static Otel.Tracking.Serving.Tests.Infrastructure.BaselineSeeds;

namespace Otel.Tracking.Serving.Tests;

/// <summary>Recording against a baseline, read back from an OpenTelemetry meter provider. Names are unique per test (meters are process-wide).</summary>
public sealed class PredictionRecorderTests
{
    private const string Feature = MlSemanticConventions.BaselineKinds.Feature;
    private const string Prediction = MlSemanticConventions.BaselineKinds.Prediction;

    [Fact]
    public void Record_NumericFeature_HistogramHasTheBaselineBoundsAndOtlpBucketCounts()
    {
        using var metrics = new ServingMetrics();
        using var recorder = new PredictionRecorder(TestModels.With(Numeric("numeric_age", Feature, [18, 30, 45, 60], [1, 1, 1, 1, 1])));
        var age = recorder.Feature("numeric_age");

        // Bucket i holds bounds[i-1] < v <= bounds[i]: 18 is in the first, 30 in the second.
        foreach (var value in new[] { 10, 18, 25, 30, 50, 70, 70 })
        {
            recorder.Record(age, value);
        }

        AssertHistogram([18, 30, 45, 60], [2, 2, 0, 1, 2], metrics.Histogram(MlSemanticConventions.ServingFeature, MlSemanticConventions.FeatureName, "numeric_age"));
        Assert.Equal(0, recorder.DroppedValues);
    }

    [Fact]
    public void Record_TwoNumericOutputs_EachKeepsItsOwnBounds()
    {
        using var metrics = new ServingMetrics();
        using var recorder = new PredictionRecorder(TestModels.With(
            Numeric("bounds_score", Prediction, [0.5], [1, 1]),
            Numeric("bounds_margin", Prediction, [-1, 0, 1], [1, 1, 1, 1])));

        recorder.Record(recorder.Prediction("bounds_score"), 0.7);
        recorder.Record(recorder.Prediction("bounds_margin"), 0.7);

        AssertHistogram([0.5], [0, 1], metrics.Histogram(MlSemanticConventions.ServingPrediction, MlSemanticConventions.PredictionName, "bounds_score"));
        AssertHistogram([-1, 0, 1], [0, 0, 1, 0], metrics.Histogram(MlSemanticConventions.ServingPrediction, MlSemanticConventions.PredictionName, "bounds_margin"));
    }

    [Fact]
    public void Record_CategoriesOutsideTheTopK_CountUnderOther()
    {
        using var metrics = new ServingMetrics();
        using var recorder = new PredictionRecorder(TestModels.With(
            Categorical("category_plan", Feature, ["basic", "gold"], [5, 3, 1]),
            Categorical("category_class", Prediction, ["0", "1"], [5, 5, 0])));
        var plan = recorder.Feature("category_plan");
        var label = recorder.Prediction("category_class");

        recorder.Record(plan, "basic");
        recorder.Record(plan, "gold".AsSpan());
        recorder.Record(plan, "platinum");
        recorder.Record(plan, "");
        recorder.Record(plan, "basic-and-more".AsSpan(0, 5));
        recorder.Record(label, 1);
        recorder.Record(label, 1.0);
        recorder.Record(label, 7);

        Assert.Equal(
            new Dictionary<string, long> { ["basic"] = 2, ["gold"] = 1, [MlSemanticConventions.OtherCategory] = 2 },
            metrics.Categories(MlSemanticConventions.ServingFeatureCategory, MlSemanticConventions.FeatureName, "category_plan", MlSemanticConventions.FeatureCategory));
        Assert.Equal(
            new Dictionary<string, long> { ["1"] = 2, [MlSemanticConventions.OtherCategory] = 1 },
            metrics.Categories(MlSemanticConventions.ServingPredictionCategory, MlSemanticConventions.PredictionName, "category_class", MlSemanticConventions.PredictionCategory));
    }

    [Fact]
    public void Record_NaNInfinitiesUnknownNamesAndWrongTypes_NeverThrowAreCountedAndLoggedOnce()
    {
        using var metrics = new ServingMetrics();
        var logs = new LogCapture();
        using var recorder = new PredictionRecorder(TestModels.With(
            Numeric("bad_age", Feature, [1], [1, 1]),
            Categorical("bad_plan", Feature, ["basic"], [1, 1])), logs);
        var age = recorder.Feature("bad_age");
        var plan = recorder.Feature("bad_plan");
        var unknown = recorder.Feature("bad_nope");
        _ = recorder.Feature("bad_nope");

        for (var i = 0; i < 3; i++)
        {
            recorder.Record(age, double.NaN);
            recorder.Record(age, double.PositiveInfinity);
            recorder.Record(age, "a category");
            recorder.Record(plan, (string?)null);
            recorder.Record(plan, double.NegativeInfinity);
            recorder.Record(unknown, 1.0);
            recorder.Record(default, "x");
            recorder.Record(recorder.Prediction("bad_age"), 1.0);
        }

        Assert.False(unknown.IsKnown);
        Assert.Equal(24, recorder.DroppedValues);
        // Nothing was measured, so the histogram exports no point at all.
        AssertHistogram([], [], metrics.Histogram(MlSemanticConventions.ServingFeature, MlSemanticConventions.FeatureName, "bad_age"));
        Assert.Empty(metrics.Categories(MlSemanticConventions.ServingFeatureCategory, MlSemanticConventions.FeatureName, "bad_plan", MlSemanticConventions.FeatureCategory));
        Assert.True(metrics.Dropped("non_finite") >= 9);
        var warnings = logs.Lines.Where(line => line.Level == LogLevel.Warning).Select(line => line.Message).ToList();
        Assert.Single(warnings, line => line.Contains("no feature 'bad_nope'", StringComparison.Ordinal) && line.Contains("Known: feature bad_age, feature bad_plan", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("no prediction 'bad_age'", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("feature 'bad_age' was dropped (non_finite)", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("feature 'bad_age' was dropped (wrong_type)", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("feature 'bad_plan' was dropped (wrong_type)", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("feature 'bad_plan' was dropped (non_finite)", StringComparison.Ordinal));
        Assert.Single(warnings, line => line.Contains("names nothing in the baseline", StringComparison.Ordinal));
        Assert.Equal(7, warnings.Count);
    }

    [Fact]
    public void Record_SlotsAndValues_RecordsEachPairAndCountsWhatHasNoPartner()
    {
        using var metrics = new ServingMetrics();
        var logs = new LogCapture();
        using var recorder = new PredictionRecorder(TestModels.With(Numeric("span_a", Feature, [0], [1, 1]), Numeric("span_b", Feature, [0], [1, 1])), logs);
        ServingSlot[] slots = [recorder.Feature("span_a"), recorder.Feature("span_b")];

        recorder.Record(slots, [-1.0, 1.0]);
        recorder.Record(slots, [1.0]);
        recorder.Record(slots.AsSpan(0, 1), [1.0, 2.0, 3.0]);

        AssertHistogram([0], [1, 2], metrics.Histogram(MlSemanticConventions.ServingFeature, MlSemanticConventions.FeatureName, "span_a"));
        AssertHistogram([0], [0, 1], metrics.Histogram(MlSemanticConventions.ServingFeature, MlSemanticConventions.FeatureName, "span_b"));
        Assert.Equal(3, recorder.DroppedValues);
        Assert.Single(logs.Lines, line => line.Message.StartsWith("Record(slots, values) was given 2 slots and 1 values", StringComparison.Ordinal));
        Assert.Equal(1, logs.Lines.Count(line => line.Level == LogLevel.Warning));
    }

    [Fact]
    public void Constructor_UnusableDistributions_AreSkippedWithAWarningAndTheRestServe()
    {
        using var metrics = new ServingMetrics();
        var logs = new LogCapture();
        using var recorder = new PredictionRecorder(TestModels.With(
            Numeric("unusable_descending", Feature, [3, 2, 1], [1, 1, 1, 1]),
            Numeric("unusable_nan", Feature, [double.NaN], [1, 1]),
            new() { Name = "unusable_type", Kind = Feature, Type = "text" },
            new() { Name = "unusable_kind", Kind = "label", Type = MlSemanticConventions.BaselineTypes.Numeric },
            Numeric("usable", Feature, [1], [1, 1]),
            Numeric("usable", Feature, [2], [1, 1])), logs);

        Assert.False(recorder.Feature("unusable_descending").IsKnown);
        recorder.Record(recorder.Feature("usable"), 1.5);

        AssertHistogram([1], [0, 1], metrics.Histogram(MlSemanticConventions.ServingFeature, MlSemanticConventions.FeatureName, "usable"));
        Assert.Equal(5, logs.Lines.Count(line => line.Message.Contains("is not recorded", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, line => line.Message.Contains("'usable' is not recorded: the baseline has it twice; the first is recorded", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Message.Contains("'unusable_descending' is not recorded: its bounds are not finite and strictly ascending", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_VersionWithoutBaseline_WarnsAndRecordsNothing()
    {
        var logs = new LogCapture();
        using var recorder = new PredictionRecorder(TestModels.Served(baseline: null, environment: null), logs);

        recorder.Record(recorder.Feature("anything"), 1.0);

        Assert.Equal(1, recorder.DroppedValues);
        Assert.Contains(logs.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("has no training baseline", StringComparison.Ordinal));
    }

    private static void AssertHistogram(double[] bounds, long[] counts, (double[] Bounds, long[] Counts) actual)
    {
        Assert.Equal(bounds, actual.Bounds);
        Assert.Equal(counts, actual.Counts);
    }
}
