using Microsoft.ML;
using Otel.Tracking.MLNet;

namespace Otel.Tracking.Tests.MLNet;

public sealed class PipelineParamsTests
{
    [Fact]
    public void Describe_NestedChain_FlattensStepsInOrder()
    {
        var mlContext = new MLContext(seed: 1);
        var features = mlContext.Transforms.Concatenate("Features", "A", "B").Append(mlContext.Transforms.NormalizeMinMax("Features"));
        var pipeline = features.Append(mlContext.Regression.Trainers.Sdca(labelColumnName: "Value", l2Regularization: 0.1f));

        var described = PipelineParams.Describe(pipeline);

        Assert.Equal("ColumnConcatenatingEstimator", described["pipeline.0"]);
        Assert.Equal("NormalizingEstimator", described["pipeline.1"]);
        Assert.Equal("SdcaRegressionTrainer", described["pipeline.2"]);
        Assert.Equal(0.1, described["trainer.L2Regularization"]); // the float's shortest text, not 0.10000000149
        Assert.Equal("Value", described["trainer.LabelColumnName"]);
    }

    [Fact]
    public void AddPipelineParams_ParamAlreadySet_KeepsTheCallersValue()
    {
        var mlContext = new MLContext(seed: 1);
        var options = new RunOptions { Params = { ["trainer"] = "mine" } };

        options.AddPipelineParams(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression());

        Assert.Equal("mine", options.Params["trainer"]);
        Assert.Equal("SdcaLogisticRegressionBinaryTrainer", options.Params["pipeline.0"]);
    }
}
