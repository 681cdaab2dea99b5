using System.Globalization;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// The sweep every scenario holds: a parent run and four children that trained over the last six hours, each with
/// params, tags, 20 epochs of loss and accuracy curves, datasets, a model artifact and training baselines.
/// </summary>
internal static class TrainingSeed
{
    public const int Epochs = 20;

    private static readonly double[] s_learningRates = [0.001, 0.01, 0.05, 0.2];

    public static async Task SeedAsync(ScenarioCollector collector, ScenarioNames names)
    {
        var sweepStart = collector.Now.AddHours(-5);
        var children = names.RunIds.Select((id, i) => Child(names, id, i, sweepStart.AddMinutes(20 * i))).ToList();
        var sweep = new SeededRun
        {
            RunId = names.SweepRunId,
            Name = "sweep",
            Experiment = names.Experiment,
            Start = sweepStart,
            End = children[^1].End!.Value.AddMinutes(1),
            Params = { ["search"] = "grid", ["configurations"] = (long)children.Count },
            Tags = { ["kind"] = "sweep" },
            Datasets = false,
        };

        foreach (var run in children.Prepend(sweep))
        {
            if (run.Model is { } model)
            {
                await UploadAsync(collector, model);
            }

            await collector.SendTracesAsync(TrainingRuns.Request(run));
        }
    }

    /// <summary>A finished child run; a higher index trains with a higher rate and ends more accurate.</summary>
    public static SeededRun Child(ScenarioNames names, string runId, int index, DateTimeOffset start, long seed = 7) => new()
    {
        RunId = runId,
        Name = string.Create(CultureInfo.InvariantCulture, $"lr={s_learningRates[index % s_learningRates.Length]}"),
        Experiment = names.Experiment,
        ParentRunId = names.SweepRunId,
        Start = start,
        End = start.AddMinutes(Epochs / 2),
        Params =
        {
            ["learning_rate"] = s_learningRates[index % s_learningRates.Length], ["batch_size"] = 64L, ["epochs"] = (long)Epochs,
            ["model"] = "logistic_regression",
        },
        Tags = { ["dataset"] = "churn-2026-11", ["team"] = "growth" },
        Points = Curves(index, start),
        Model = TrainingRuns.ModelBytes(runId),
        Baselines = true,
        Seed = seed,
    };

    /// <summary>Loss falling to a floor and accuracy rising to <c>0.8 + 0.03 × index</c>, one epoch every 30 s.</summary>
    public static List<(string, long, double, DateTimeOffset)> Curves(int index, DateTimeOffset start)
    {
        var points = new List<(string, long, double, DateTimeOffset)>();
        var finalAccuracy = 0.8 + (0.03 * index);
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var decay = Math.Exp(-epoch / 5.0);
            var loss = 0.25 - (0.03 * index) + (0.5 * decay);
            var accuracy = finalAccuracy - (0.3 * decay);
            var time = start.AddSeconds(30 * epoch);
            points.Add(("loss", epoch, loss, time));
            points.Add(("accuracy", epoch, accuracy + 0.01, time));
            points.Add(("val_loss", epoch, loss + 0.02, time));
            points.Add(("val_accuracy", epoch, accuracy, time));
        }

        return points;
    }

    public static async Task UploadAsync(ScenarioCollector collector, byte[] bytes)
    {
        using var put = await collector.Registry.Api.PutAsync($"api/artifacts/{TrainingRuns.Sha256(bytes)}", new ByteArrayContent(bytes), Otel.Collector.Tests.Registry.RegistryCollector.Cancellation);
        Assert.True(put.IsSuccessStatusCode, $"artifact upload answered {(int)put.StatusCode}");
    }
}
