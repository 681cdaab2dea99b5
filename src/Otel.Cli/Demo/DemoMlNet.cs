using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Otel.Tracking;
using Otel.Tracking.MLNet;

namespace Otel.Cli.Demo;

/// <summary>
/// The demo's ML.NET run, beside its own sweep: gradient-boosted trees (FastTree) on the same synthetic dataset, recorded
/// by ML.NET autologging (docs/autolog.md) in an experiment of its own: pipeline params, the training error per tree,
/// the validation metrics and the saved model.
/// </summary>
internal sealed class DemoMlNet(MlTracking tracking, string workDirectory)
{
    public const string Experiment = "demo-mlnet";
    public const int Trees = 20;

    /// <summary>Trains, evaluates and saves; returns the run id.</summary>
    public string Run(SyntheticDataset train, SyntheticDataset validation, Action<string> progress)
    {
        var mlContext = new MLContext(seed: DemoSweep.Seed);
        var trainView = Load(mlContext, train);
        var validationView = Load(mlContext, validation);
        var pipeline = mlContext.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(mlContext.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = Trees,
                NumberOfLeaves = 8,
                // Evaluate the training set after every tree, so the log (and the run) has a curve per tree.
                TestFrequency = 1,
            }));

        using var autolog = mlContext.Autolog(tracking, new RunOptions
        {
            Experiment = Experiment,
            Name = "fasttree",
            Seed = DemoSweep.Seed,
            Tags = { ["dataset"] = "synthetic-linear-8d" },
        });
        var model = autolog.Fit(pipeline, trainView);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(validationView));
        autolog.Run.LogEvaluation(metrics, prefix: "val");
        autolog.SaveModel(model, trainView.Schema, Path.Combine(workDirectory, "models", autolog.Run.Id, "model.zip"));
        progress(string.Create(CultureInfo.InvariantCulture,
            $"  {"ML.NET FastTree (" + Experiment + ")",-28} val.accuracy {metrics.Accuracy:0.0000}  val.auc {metrics.AreaUnderRocCurve:0.0000}"));
        return autolog.Run.Id;
    }

    private static IDataView Load(MLContext mlContext, SyntheticDataset data)
    {
        var rows = Enumerable.Range(0, data.Count)
            .Select(i => new Row { Features = [.. data.Features[i].Select(v => (float)v)], Label = data.Labels[i] == 1 });
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.Dimensions);
        return mlContext.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
