using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Otel.Tracking.MLNet;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.MLNet;

public sealed class MlNetAutologTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autolog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Fit_SdcaPipeline_RecordsPipelineParamsTrainerOptionsAndTrainingLog()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var pipeline = mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(l1Regularization: 0.01f));

        using (var autolog = mlContext.Autolog(tracking, capture.RunOptions("sdca")))
        {
            autolog.Fit(pipeline, SyntheticData.Binary(mlContext));
        }

        Assert.Equal("ColumnConcatenatingEstimator", RunPoints.Param(capture, "pipeline.0"));
        Assert.Equal("SdcaLogisticRegressionBinaryTrainer", RunPoints.Param(capture, "pipeline.1"));
        Assert.Equal("SdcaLogisticRegressionBinaryTrainer", RunPoints.Param(capture, "trainer"));
        Assert.Equal(0.01, RunPoints.Param(capture, "trainer.L1Regularization"));
        Assert.Equal("Label", RunPoints.Param(capture, "trainer.LabelColumnName"));
        Assert.Null(RunPoints.Param(capture, "trainer.MaximumNumberOfIterations")); // left to auto-tuning, so not a param
        // SDCA picks its iteration budget from the data size, and says so in the log.
        Assert.True(long.Parse(Assert.IsType<string>(RunPoints.Tag(capture, "mlnet.auto_tuned.maxIterations")), CultureInfo.InvariantCulture) > 0);
        Assert.True(RunPoints.Single(capture, "train.best_iteration") >= 1);
        Assert.True(RunPoints.Single(capture, "train.duration_seconds") > 0);
    }

    [Fact]
    public void Fit_FastTreeWithTestFrequency_RecordsErrorRatePerBoostingIteration()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var pipeline = mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(mlContext.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { NumberOfTrees = 6, TestFrequency = 1 }));

        using (var autolog = mlContext.Autolog(tracking, capture.RunOptions("fasttree")))
        {
            autolog.Fit(pipeline, SyntheticData.Binary(mlContext));
        }

        var errorRates = RunPoints.Metrics(capture).Where(p => p.Key == "train.error_rate").ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], errorRates.Select(p => p.Step));
        Assert.All(errorRates, p => Assert.InRange(p.Value, 0, 0.5));
        Assert.Equal(6, RunPoints.Metrics(capture).Count(p => p.Key == "train.balanced_loss_rate"));
        Assert.Equal(6L, RunPoints.Param(capture, "trainer.NumberOfTrees"));
        Assert.Equal("FastTreeBinaryTrainer", RunPoints.Param(capture, "trainer"));
    }

    [Fact]
    public void Fit_TwoCalls_EachStartsItsOwnRunAndTheFirstEndsFinished()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.Binary(mlContext);
        var features = mlContext.Transforms.Concatenate("Features", "A", "B");
        string first;
        using (var autolog = mlContext.Autolog(tracking, capture.RunOptions()))
        {
            autolog.Fit(features.Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression()), data);
            first = autolog.Run.Id;
            autolog.Fit(features.Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression()), data);
            Assert.NotEqual(first, autolog.Run.Id);
        }

        var runs = capture.Named(MlSemanticConventions.RunSpan);
        Assert.Equal(2, runs.Count);
        Assert.Equal(["LbfgsLogisticRegressionBinaryTrainer", "SdcaLogisticRegressionBinaryTrainer"],
            runs.OrderBy(r => r.Tag(MlSemanticConventions.RunId) as string == first ? 0 : 1).Select(r => r.Tag(MlSemanticConventions.ParamPrefix + "trainer")));
    }

    [Fact]
    public void Fit_TrainerThrows_RunEndsFailedAndTheErrorReachesTheCaller()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var pipeline = mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(featureColumnName: "NoSuchColumn");

        using (var autolog = mlContext.Autolog(tracking, capture.RunOptions()))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => autolog.Fit(pipeline, SyntheticData.Binary(mlContext)));
        }

        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, capture.Single(MlSemanticConventions.RunSpan).Status);
    }

    [Fact]
    public void Run_BeforeFit_ThrowsSayingToCallFit()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var autolog = new MLContext().Autolog(tracking);

        var error = Assert.Throws<InvalidOperationException>(() => autolog.Run);
        Assert.Contains("Call Fit first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutologIntoRun_TwoFitsOfTheSameSettings_RecordIntoThatRunWithoutStartingOrEndingOne()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.Binary(mlContext);
        var pipeline = mlContext.Transforms.Concatenate("Features", "A", "B")
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(l1Regularization: 0.01f));
        var run = tracking.StartRun(capture.RunOptions("mine"));

        using (var autolog = mlContext.Autolog(run))
        {
            Assert.Same(run, autolog.Run);
            autolog.Fit(pipeline, data);
            var model = autolog.Fit(pipeline, data);
            Assert.Equal("model.zip", autolog.SaveModel(model, data.Schema, Path.Combine(_directory, "model.zip")).Wait().Path);
        }

        Assert.Same(run, MlRun.Current);
        Assert.Empty(capture.Named(MlSemanticConventions.RunSpan));
        run.End(RunStatus.Finished);

        Assert.Single(capture.Named(MlSemanticConventions.RunStartSpan));
        Assert.Equal("SdcaLogisticRegressionBinaryTrainer", RunPoints.Param(capture, "trainer"));
        Assert.Equal(0.01, RunPoints.Param(capture, "trainer.L1Regularization"));
        Assert.Equal("ColumnConcatenatingEstimator", RunPoints.Param(capture, "pipeline.0"));
        Assert.Equal([0L, 1L], RunPoints.Metrics(capture).Where(p => p.Key == "train.duration_seconds").Select(p => p.Step));
        Assert.Contains(RunPoints.Metrics(capture), p => p.Key == "train.best_iteration");
        Assert.NotNull(RunPoints.Tag(capture, "mlnet.auto_tuned.maxIterations"));
        var artifact = Assert.Single(capture.Spans.SelectMany(s => s.Events), e => e.Name == MlSemanticConventions.ArtifactEvent);
        Assert.Equal("model", artifact.Tags.Single(t => t.Key == MlSemanticConventions.ArtifactKind).Value);
    }

    [Fact]
    public void AutologIntoRun_SecondFitWithOtherSettings_ThrowsBeforeTrainingAsMlflowDoes()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.Binary(mlContext);
        var features = mlContext.Transforms.Concatenate("Features", "A", "B");
        using var run = tracking.StartRun(capture.RunOptions());
        using var autolog = mlContext.Autolog(run);
        autolog.Fit(features.Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression()), data);

        var error = Assert.Throws<InvalidOperationException>(() => autolog.Fit(features.Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression()), data));

        Assert.Contains("is 'SdcaLogisticRegressionBinaryTrainer' already and cannot change to 'LbfgsLogisticRegressionBinaryTrainer'", error.Message, StringComparison.Ordinal);
        run.End(RunStatus.Finished);
        Assert.Single(RunPoints.Metrics(capture), p => p.Key == "train.duration_seconds");
        Assert.Equal("SdcaLogisticRegressionBinaryTrainer", RunPoints.Param(capture, "trainer"));
    }

    [Fact]
    public void SaveModel_AfterFit_SavesALoadableZipAndLogsItAsTheModelArtifact()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.UploadArtifacts = false);
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticData.Binary(mlContext);
        var path = Path.Combine(_directory, "out", "model.zip");

        using (var autolog = mlContext.Autolog(tracking, capture.RunOptions()))
        {
            var model = autolog.Fit(mlContext.Transforms.Concatenate("Features", "A", "B")
                .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression()), data);
            var info = autolog.SaveModel(model, data.Schema, path).Wait();
            Assert.Equal("model.zip", info.Path);
        }

        var loaded = mlContext.Model.Load(path, out var schema);
        Assert.NotNull(loaded);
        Assert.NotNull(schema.GetColumnOrNull("A"));
        var artifact = Assert.Single(capture.Spans.SelectMany(s => s.Events), e => e.Name == MlSemanticConventions.ArtifactEvent);
        var tags = artifact.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("model.zip", tags[MlSemanticConventions.ArtifactPath]);
        Assert.Equal("model", tags[MlSemanticConventions.ArtifactKind]);
    }
}
