using System.Text;
using Otel.Tracking.Tests.Artifacts;
using Otel.Tracking.Tests.Infrastructure;
using Parquet.Serialization;

namespace Otel.Tracking.Tests.Baselines;

/// <summary>Baselines as the SDK logs them: automatically with a training dataset, or explicitly, one <c>ml.baseline</c> event each.</summary>
public sealed class BaselineLoggingTests : IDisposable
{
    private const string Csv = "age,plan\n30,free\n40,pro\n50,free\n60,free\n";

    private readonly SpanCapture _capture = new();
    private readonly TempTree _tree = new();

    public void Dispose()
    {
        _tree.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public void LogDataset_TrainingCsv_OneBaselineEventPerColumnWithTheDatasetDigest()
    {
        var path = _tree.Write("train.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path);

        var events = BaselineEvents();
        Assert.Equal(2, events.Count);
        var age = events.Single(e => (string?)e[MlSemanticConventions.BaselineName] == "age");
        Assert.Equal(MlSemanticConventions.BaselineKinds.Feature, age[MlSemanticConventions.BaselineKind]);
        Assert.Equal(MlSemanticConventions.BaselineTypes.Numeric, age[MlSemanticConventions.BaselineType]);
        // Four values in deciles: index ceil(4i / 10) - 1 gives 30,30,40,40,40,50,50,60,60 -> 30,40,50,60.
        Assert.Equal([30.0, 40, 50, 60], Assert.IsType<double[]>(age[MlSemanticConventions.BaselineBounds]));
        Assert.Equal([1L, 1, 1, 1, 0], Assert.IsType<long[]>(age[MlSemanticConventions.BaselineCounts]));
        Assert.Equal(info.Digest, age[MlSemanticConventions.BaselineDatasetDigest]);
        var plan = events.Single(e => (string?)e[MlSemanticConventions.BaselineName] == "plan");
        Assert.Equal(["free", "pro"], Assert.IsType<string[]>(plan[MlSemanticConventions.BaselineCategories]));
        Assert.Equal([3L, 1, 0], Assert.IsType<long[]>(plan[MlSemanticConventions.BaselineCounts]));
        Assert.False(plan.ContainsKey(MlSemanticConventions.BaselineBounds));
        Assert.Equal(["age", "plan"], info.Baseline.Select(b => b.Name));
    }

    [Fact]
    public void LogDataset_Targets_TheTargetColumnIsAPredictionBaselineNotAFeature()
    {
        var path = _tree.Write("train.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));

        var info = run.LogDataset(path, targets: "plan");
        var fromStream = run.LogDataset(stream, "train.csv", targets: "plan");

        var kinds = BaselineEvents().Select(e => ((string?)e[MlSemanticConventions.BaselineName], (string?)e[MlSemanticConventions.BaselineKind])).Distinct();
        Assert.Equal([("age", MlSemanticConventions.BaselineKinds.Feature), ("plan", MlSemanticConventions.BaselineKinds.Prediction)], kinds);
        Assert.Equal([3L, 1, 0], info.Baseline.Single(b => b.Name == "plan").Counts);
        Assert.Equal(MlSemanticConventions.BaselineKinds.Prediction, fromStream.Baseline.Single(b => b.Name == "plan").Kind);
    }

    [Fact]
    public void LogDataset_TargetsNotAColumn_ThrowsNamingTheColumns()
    {
        var path = _tree.Write("train.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var error = Assert.Throws<ArgumentException>(() => run.LogDataset(path, targets: "label"));

        Assert.StartsWith("targets: dataset 'train.csv' has no column 'label'; its columns are age, plan", error.Message, StringComparison.Ordinal);
        Assert.Empty(_capture.Named(MlSemanticConventions.BaselineEvent));
    }

    [Fact]
    public void LogDataset_ValidationContext_NoBaseline()
    {
        var path = _tree.Write("val.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path, context: "validation");

        Assert.Empty(info.Baseline);
        Assert.Empty(_capture.Named(MlSemanticConventions.BaselineEvent));
    }

    [Fact]
    public void LogDataset_ProfilingTurnedOff_NoBaseline()
    {
        var path = _tree.Write("train.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.ProfileTrainingDatasets = false);
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path);

        Assert.Empty(info.Baseline);
        Assert.Empty(_capture.Named(MlSemanticConventions.BaselineEvent));
        Assert.Single(_capture.Named(MlSemanticConventions.DatasetEvent));
    }

    [Fact]
    public void LogDataset_TrainingStream_ProfiledLikeAFile()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.BaselineBins = 2);
        using var run = tracking.StartRun(_capture.RunOptions());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));

        var info = run.LogDataset(stream, "train.csv");

        // Halves of 30,40,50,60: index ceil(4 / 2) - 1 = 1, the edge 40.
        var age = info.Baseline.Single(b => b.Name == "age");
        Assert.Equal([40.0], age.Bounds);
        Assert.Equal([2L, 2], age.Counts);
    }

    [Fact]
    public async Task LogDataset_TrainingParquet_NumericAndTextColumnsProfiledDatesAndNullsSkipped()
    {
        var path = Path.Combine(_tree.Root, "train.parquet");
        await ParquetSerializer.SerializeAsync(Enumerable.Range(1, 10).Select(ParquetFooterTests.ParquetRow.Make), path, cancellationToken: TestContext.Current.CancellationToken);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path);

        var byName = info.Baseline.ToDictionary(b => b.Name);
        Assert.Equal(["Id", "Big", "Score", "Ratio", "Name", "Flag", "Maybe", "Small", "Counter", "Price"], info.Baseline.Select(b => b.Name));
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8, 9], byName["Id"].Bounds);
        Assert.Equal(Enumerable.Repeat(1L, 10), byName["Id"].Counts);
        // Maybe is null for 3, 6, 9: seven values left; Flag is true for the five even ids.
        Assert.Equal(7, byName["Maybe"].Counts.Sum());
        Assert.Equal(["false", "true"], byName["Flag"].Categories);
        Assert.Equal([5L, 5, 0], byName["Flag"].Counts);
        Assert.Equal(MlSemanticConventions.BaselineTypes.Numeric, byName["Price"].Type);
        Assert.Equal(10, BaselineEvents().Count);
    }

    [Fact]
    public void LogDataset_CsvPartsDirectory_PartsProfiledTogetherHeadersOnce()
    {
        _tree.Write("parts/part-0.csv", "v\n1\n2\n");
        _tree.Write("parts/part-1.csv", "v\n3\n4\n");
        _tree.Write("parts/_SUCCESS", "");
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.BaselineBins = 2);
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(Path.Combine(_tree.Root, "parts"));

        // 1, 2, 3, 4 in halves: index ceil(4 / 2) - 1 = 1, the edge 2.
        var v = Assert.Single(info.Baseline);
        Assert.Equal([2.0], v.Bounds);
        Assert.Equal([2L, 2], v.Counts);
    }

    [Fact]
    public void LogDataset_PartsWithDifferentHeaders_NoBaselineAndTheDatasetStillLogged()
    {
        _tree.Write("mixed/a.csv", "x\n1\n");
        _tree.Write("mixed/b.csv", "y\n2\n");
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(Path.Combine(_tree.Root, "mixed"));

        Assert.Empty(info.Baseline);
        Assert.Empty(_capture.Named(MlSemanticConventions.BaselineEvent));
        Assert.Single(_capture.Named(MlSemanticConventions.DatasetEvent));
    }

    [Fact]
    public void LogFeatureAndPredictionBaseline_Explicit_EventsCarryKindTypeAndCounts()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var income = run.LogFeatureBaseline("income", [0.0, 0.5, 0.7, 1, 3], edges: [2, 0.5, 1]);
        var score = run.LogPredictionBaseline("score", Enumerable.Range(1, 100).Select(i => i / 100.0), bins: 4);
        var label = run.LogPredictionBaseline("label", ["churn", "stay", "stay"]);

        Assert.Equal([0.5, 1, 2], income.Bounds);
        Assert.Equal([2L, 2, 0, 1], income.Counts);
        Assert.Equal([0.25, 0.5, 0.75], score.Bounds);
        Assert.Equal([25L, 25, 25, 25], score.Counts);
        Assert.Equal(["stay", "churn"], label.Categories);
        Assert.Equal([2L, 1, 0], label.Counts);
        var events = BaselineEvents();
        Assert.Equal(["income", "score", "label"], events.Select(e => (string?)e[MlSemanticConventions.BaselineName]));
        Assert.Equal(
            [MlSemanticConventions.BaselineKinds.Feature, MlSemanticConventions.BaselineKinds.Prediction, MlSemanticConventions.BaselineKinds.Prediction],
            events.Select(e => (string?)e[MlSemanticConventions.BaselineKind]));
        Assert.All(events, e => Assert.False(e.ContainsKey(MlSemanticConventions.BaselineDatasetDigest)));
        Assert.All(_capture.Named(MlSemanticConventions.BaselineEvent), span => Assert.Equal(run.Id, span.GetTagItem(MlSemanticConventions.RunId)));
    }

    [Fact]
    public void LogFeatureBaseline_BadArguments_ThrowSayingWhatIsWrong()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var noNumbers = Assert.Throws<ArgumentException>(() => run.LogFeatureBaseline("x", [double.NaN]));
        var noValues = Assert.Throws<ArgumentException>(() => run.LogFeatureBaseline("c", [null, ""]));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.LogFeatureBaseline("x", [1.0], bins: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.LogFeatureBaseline("c", ["a"], topCategories: 0));
        Assert.Throws<ArgumentException>(() => run.LogFeatureBaseline("", [1.0]));
        run.End(RunStatus.Finished);
        Assert.Throws<InvalidOperationException>(() => run.LogFeatureBaseline("x", [1.0]));

        Assert.Contains("no value that is a number", noNumbers.Message, StringComparison.Ordinal);
        Assert.Contains("no value", noValues.Message, StringComparison.Ordinal);
        Assert.Empty(_capture.Named(MlSemanticConventions.BaselineEvent));
    }

    private List<Dictionary<string, object?>> BaselineEvents() =>
        [.. _capture.Named(MlSemanticConventions.BaselineEvent).SelectMany(s => s.Events).Select(e => ArtifactLoggingTests.EventTags(e, MlSemanticConventions.BaselineEvent))];
}
