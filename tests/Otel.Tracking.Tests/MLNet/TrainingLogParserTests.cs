using Otel.Tracking.MLNet;

namespace Otel.Tracking.Tests.MLNet;

/// <summary>Messages as ML.NET 6.0 writes them to MLContext.Log (recorded from real training).</summary>
public sealed class TrainingLogParserTests
{
    [Theory]
    [InlineData("train.ErrorRate=0.0275", "train.error_rate", 0.0275)]
    [InlineData("valid.NDCG@3=0.5", "valid.ndcg_at_3", 0.5)]
    [InlineData("train.L2=1.5e-3", "train.l2", 0.0015)]
    [InlineData("Using best model from iteration 21.", "train.best_iteration", 21)]
    [InlineData("L1 regularization selected 3 of 3 weights.", "train.selected_weights", 3)]
    public void Parse_MetricMessage_GivesKeyAndValue(string message, string key, double value)
    {
        var metric = Assert.IsType<TrainingLogLine.Metric>(Assert.Single(TrainingLogParser.Parse(message)));
        Assert.Equal(key, metric.Key);
        Assert.Equal(value, metric.Value, 12);
    }

    [Fact]
    public void Parse_FastTreeIterationMessage_GivesEveryLine() =>
        Assert.Equal(
            [new TrainingLogLine.Metric("train.error_rate", 0.05), new TrainingLogLine.Metric("train.loss_rate", 0.53),
             new TrainingLogLine.Metric("train.balanced_error_rate", 0.048), new TrainingLogLine.Metric("train.balanced_loss_rate", 1.07)],
            TrainingLogParser.Parse("train.ErrorRate=0.05\ntrain.LossRate=0.53\ntrain.BalancedErrorRate=0.048\ntrain.BalancedLossRate=1.07"));

    [Theory]
    [InlineData("Auto-tuning parameters: maxIterations = 750.", "maxIterations", "750")]
    [InlineData("Auto-tuning parameters: L2 = 2.6666667E-05.", "L2", "2.6666667E-05")]
    [InlineData("Auto-tuning parameters: L1Threshold (L1/L2) = 0.", "L1Threshold", "0")]
    public void Parse_AutoTuning_GivesNameAndValue(string message, string name, string value) =>
        Assert.Equal(new TrainingLogLine.AutoTuned(name, value), Assert.Single(TrainingLogParser.Parse(message)));

    [Fact]
    public void Parse_TreeCounter_MarksAnIteration() =>
        Assert.IsType<TrainingLogLine.IterationStarted>(Assert.Single(TrainingLogParser.Parse("numTotalTrees left: 20")));

    [Theory]
    [InlineData("Channel started")]
    [InlineData("Using 1 thread to train.")]
    [InlineData("CommandLine = ps=13 iter=20")]
    [InlineData("train.ErrorRate=abc")]
    public void Parse_OtherMessage_GivesNothing(string message) => Assert.Empty(TrainingLogParser.Parse(message));
}
