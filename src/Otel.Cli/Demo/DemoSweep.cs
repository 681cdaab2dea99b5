using System.Globalization;
using Otel.Tracking;

namespace Otel.Cli.Demo;

/// <summary>
/// A real hyperparameter sweep: logistic regression on a deterministic synthetic dataset, one child
/// run per configuration under a parent sweep run, per-epoch loss and accuracy logged through the SDK.
/// </summary>
internal sealed class DemoSweep(MlTracking tracking, string experiment, int epochs, TimeSpan epochDelay, string workDirectory, TimeProvider time)
{
    public static readonly IReadOnlyList<(double LearningRate, double L2, int BatchSize)> Grid =
    [
        (0.001, 0.0, 64),
        (0.01, 0.001, 64),
        (0.05, 0.001, 32),
        (0.2, 0.01, 32),
        (0.5, 0.0, 16),
    ];

    public const int Seed = 7;

    /// <summary>The training and validation sets, the same on every run (the demo's ML.NET run trains on them too).</summary>
    public static (SyntheticDataset Train, SyntheticDataset Validation) Datasets() =>
        SyntheticDataset.Generate(samples: 4000, dimensions: 8, labelNoise: 0.05, seed: Seed).Split(0.2);

    /// <summary>Runs the sweep; returns the parent run id and the child run ids.</summary>
    public (string SweepId, IReadOnlyList<string> RunIds) Run(Action<string> progress, CancellationToken cancellationToken)
    {
        var (train, validation) = Datasets();
        var trainCsv = Path.Combine(workDirectory, "data", "train.csv");
        var validationCsv = Path.Combine(workDirectory, "data", "validation.csv");
        train.WriteCsv(trainCsv);
        validation.WriteCsv(validationCsv);
        var runIds = new List<string>();
        using var sweep = tracking.StartRun(new RunOptions
        {
            Experiment = experiment,
            Name = "sweep-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture),
            Params = { ["search"] = "grid", ["configurations"] = Grid.Count, ["epochs"] = epochs, ["seed"] = Seed },
            Tags = { ["kind"] = "sweep" },
        });

        var best = 0.0;
        foreach (var (learningRate, l2, batchSize) in Grid)
        {
            var options = new RunOptions
            {
                Experiment = experiment,
                Name = string.Create(CultureInfo.InvariantCulture, $"lr={learningRate} l2={l2} bs={batchSize}"),
                ParentRunId = sweep.Id,
                Seed = Seed,
                Params =
                {
                    ["learning_rate"] = learningRate, ["l2"] = l2, ["batch_size"] = batchSize, ["epochs"] = epochs,
                    ["model"] = "logistic_regression", ["seed"] = Seed,
                },
                Tags = { ["dataset"] = "synthetic-linear-8d" },
            };
            var accuracy = tracking.Run(options, run =>
            {
                runIds.Add(run.Id);
                // label is what the model predicts: the reference of its predictions, not a feature it is given.
                run.LogDataset(trainCsv, "synthetic-linear-8d", "training", targets: "label");
                run.LogDataset(validationCsv, "synthetic-linear-8d", "validation");
                var model = new LogisticRegression(train.Dimensions, learningRate, l2, batchSize, Seed);
                var (valLoss, valAccuracy) = (0.0, 0.0);
                for (var epoch = 1; epoch <= epochs; epoch++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var trainLoss = model.TrainEpoch(train);
                    (valLoss, valAccuracy) = model.Evaluate(validation);
                    run.LogMetric("train_loss", trainLoss, epoch);
                    run.LogMetric("val_loss", valLoss, epoch);
                    run.LogMetric("val_accuracy", valAccuracy, epoch);
                    if (epochDelay > TimeSpan.Zero)
                    {
                        // Stands in for a real model's epoch time, so runs can be watched live.
                        Thread.Sleep(epochDelay);
                    }
                }

                // The outputs' training baseline, as the inference service records them (demo serve): drift of predictions.
                // Logged after the dataset, this label (the predicted class) replaces the target column's profile.
                var probabilities = model.Probabilities(validation).ToList();
                run.LogPredictionBaseline("probability", probabilities);
                run.LogPredictionBaseline("label", probabilities.Select(p => p >= 0.5 ? "1" : "0"));
                var modelPath = Path.Combine(workDirectory, "models", run.Id + ".json");
                model.Save(modelPath);
                // Waited for: the model is registered from this artifact right after the sweep.
                run.LogArtifact(modelPath, kind: "model", artifactPath: "model.json").Wait();
                progress(string.Create(CultureInfo.InvariantCulture, $"  {options.Name,-28} val_accuracy {valAccuracy:0.0000}  val_loss {valLoss:0.0000}"));
                return valAccuracy;
            });
            best = Math.Max(best, accuracy);
        }

        sweep.LogMetric("best_val_accuracy", best, 0);
        return (sweep.Id, runIds);
    }
}
