using Microsoft.ML;
using Otel.Tracking.MLNet;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.MLNet;

public sealed class EvaluationMetricsTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void LogEvaluation_CalibratedBinary_RecordsStableNamesAtStepZero()
    {
        var (capture, run) = Start();
        var data = SyntheticData.Binary(_mlContext);
        var model = _mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(_mlContext.BinaryClassification.Trainers.SdcaLogisticRegression()).Fit(data);
        var metrics = _mlContext.BinaryClassification.Evaluate(model.Transform(data));

        run.LogEvaluation(metrics);
        run.Dispose();

        Assert.Equal(metrics.Accuracy, RunPoints.Single(capture, "eval.accuracy"));
        Assert.Equal(metrics.AreaUnderRocCurve, RunPoints.Single(capture, "eval.auc"));
        Assert.Equal(metrics.LogLoss, RunPoints.Single(capture, "eval.log_loss"));
        Assert.Equal(
            ["eval.accuracy", "eval.auc", "eval.auprc", "eval.entropy", "eval.f1", "eval.log_loss", "eval.log_loss_reduction",
             "eval.negative_precision", "eval.negative_recall", "eval.precision", "eval.recall"],
            RunPoints.Metrics(capture).Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(RunPoints.Metrics(capture), p => Assert.Equal(0, p.Step));
        capture.Dispose();
    }

    [Fact]
    public void LogEvaluation_RegressionWithPrefix_RecordsUnderThatPrefix()
    {
        var (capture, run) = Start();
        var data = SyntheticData.Binary(_mlContext);
        var model = _mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(_mlContext.Regression.Trainers.Sdca(labelColumnName: "Value")).Fit(data);
        var metrics = _mlContext.Regression.Evaluate(model.Transform(data), labelColumnName: "Value");

        run.LogEvaluation(metrics, prefix: "val");
        run.Dispose();

        Assert.Equal(metrics.RootMeanSquaredError, RunPoints.Single(capture, "val.rmse"));
        Assert.Equal(["val.loss", "val.mae", "val.mse", "val.r2", "val.rmse"], RunPoints.Metrics(capture).Select(p => p.Key).Order(StringComparer.Ordinal));
        capture.Dispose();
    }

    [Fact]
    public void LogEvaluation_Multiclass_RecordsAccuracyLogLossAndPerClassLogLoss()
    {
        var (capture, run) = Start();
        var data = SyntheticData.Multiclass(_mlContext);
        var model = _mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(_mlContext.Transforms.Concatenate("Features", "A", "B"))
            .Append(_mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy()).Fit(data);
        var metrics = _mlContext.MulticlassClassification.Evaluate(model.Transform(data), topKPredictionCount: 2);

        run.LogEvaluation(metrics);
        run.Dispose();

        Assert.Equal(metrics.MicroAccuracy, RunPoints.Single(capture, "eval.micro_accuracy"));
        Assert.Equal(metrics.TopKAccuracy, RunPoints.Single(capture, "eval.top_k_accuracy"));
        Assert.Equal(metrics.PerClassLogLoss[2], RunPoints.Single(capture, "eval.log_loss.class_2"));
        capture.Dispose();
    }

    [Fact]
    public void LogEvaluation_Clustering_RecordsAverageDistanceAndDaviesBouldin()
    {
        var (capture, run) = Start();
        var data = SyntheticData.Multiclass(_mlContext);
        var model = _mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(_mlContext.Clustering.Trainers.KMeans(numberOfClusters: 3)).Fit(data);
        var metrics = _mlContext.Clustering.Evaluate(model.Transform(data));

        run.LogEvaluation(metrics);
        run.Dispose();

        Assert.Equal(metrics.AverageDistance, RunPoints.Single(capture, "eval.average_distance"));
        Assert.Equal(metrics.DaviesBouldinIndex, RunPoints.Single(capture, "eval.davies_bouldin_index"));
        capture.Dispose();
    }

    [Fact]
    public void LogEvaluation_Ranking_RecordsNdcgAndDcgPerTruncationLevel()
    {
        var (capture, run) = Start();
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(i => new RankingRow
        {
            Group = (uint)(i / 10) + 1,
            Relevance = (uint)(i % 3),
            A = (i % 3) + (float)random.NextDouble(),
        }).ToList();
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var model = _mlContext.Transforms.Conversion.MapValueToKey("GroupKey", "Group")
            .Append(_mlContext.Transforms.Conversion.MapValueToKey("Label", "Relevance"))
            .Append(_mlContext.Transforms.Concatenate("Features", "A"))
            .Append(_mlContext.Ranking.Trainers.FastTree(rowGroupColumnName: "GroupKey", numberOfTrees: 3)).Fit(data);
        var metrics = _mlContext.Ranking.Evaluate(model.Transform(data), rowGroupColumnName: "GroupKey");

        run.LogEvaluation(metrics);
        run.Dispose();

        Assert.Equal(metrics.NormalizedDiscountedCumulativeGains[0], RunPoints.Single(capture, "eval.ndcg_at_1"));
        Assert.Equal(metrics.DiscountedCumulativeGains.Count, RunPoints.Metrics(capture).Count(p => p.Key.StartsWith("eval.dcg_at_", StringComparison.Ordinal)));
        capture.Dispose();
    }

    [Fact]
    public void LogEvaluation_EmptyPrefix_ThrowsNamingTheArgument()
    {
        var (capture, run) = Start();
        var metrics = _mlContext.Clustering.Evaluate(_mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(_mlContext.Clustering.Trainers.KMeans(numberOfClusters: 2)).Fit(SyntheticData.Multiclass(_mlContext)).Transform(SyntheticData.Multiclass(_mlContext)));

        var error = Assert.Throws<ArgumentException>(() => run.LogEvaluation(metrics, prefix: " "));
        Assert.Equal("prefix", error.ParamName);
        run.Dispose();
        capture.Dispose();
    }

    private static (SpanCapture Capture, MlRun Run) Start()
    {
        var capture = new SpanCapture();
        var tracking = TestTracking.Create(TestTracking.NewTime());
        return (capture, tracking.StartRun(capture.RunOptions()));
    }

    private sealed class RankingRow
    {
        public uint Group { get; set; }

        public uint Relevance { get; set; }

        public float A { get; set; }
    }
}
