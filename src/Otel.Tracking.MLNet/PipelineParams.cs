using Microsoft.ML;

namespace Otel.Tracking.MLNet;

/// <summary>
/// The parameters of an ML.NET pipeline, as run params: <c>pipeline.&lt;i&gt;</c> names each estimator of the chain
/// in order, <c>trainer</c> names the last trainer and <c>trainer.&lt;Option&gt;</c> holds each public field and
/// property of its options object (for example <c>trainer.NumberOfTrees</c>, <c>trainer.L2Regularization</c>).
/// Options left unset (null, such as SDCA's auto-tuned ones) are not recorded.
/// </summary>
public static class PipelineParams
{
    /// <summary>The params of <paramref name="estimator"/>, a single estimator or a chain made with <c>Append</c>.</summary>
    public static IReadOnlyDictionary<string, object?> Describe(IEstimator<ITransformer> estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var steps = EstimatorSteps.Flatten(estimator);
        for (var i = 0; i < steps.Count; i++)
        {
            result[FormattableString.Invariant($"pipeline.{i}")] = EstimatorSteps.FriendlyName(steps[i].GetType());
        }

        if (steps.LastOrDefault(EstimatorSteps.IsTrainer) is { } trainer)
        {
            result["trainer"] = EstimatorSteps.FriendlyName(trainer.GetType());
            if (EstimatorSteps.TrainerOptions(trainer) is { } options)
            {
                foreach (var (name, value) in OptionValues.Read(options))
                {
                    result["trainer." + name] = value;
                }
            }
        }

        return result;
    }

    /// <summary>Adds the params of <paramref name="estimator"/> to <paramref name="options"/> (params set before win).</summary>
    public static RunOptions AddPipelineParams(this RunOptions options, IEstimator<ITransformer> estimator)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, value) in Describe(estimator))
        {
            options.Params.TryAdd(key, value);
        }

        return options;
    }
}
