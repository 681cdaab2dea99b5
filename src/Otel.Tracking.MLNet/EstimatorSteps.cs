using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Otel.Tracking.MLNet;

/// <summary>
/// Looks inside estimators. ML.NET exposes neither a chain's estimators nor a trainer's options publicly, so both are
/// read by reflection: a chain keeps its steps in a private array, and every trainer keeps its options object (a
/// <see cref="TrainerInputBase"/>) in a field. Where a later ML.NET moves them, less is recorded; nothing throws.
/// </summary>
internal static class EstimatorSteps
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<object> Flatten(object estimator)
    {
        var steps = new List<object>();
        Add(steps, estimator);
        return steps;
    }

    public static bool IsTrainer(object estimator) => estimator.GetType().GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITrainerEstimator<,>));

    public static TrainerInputBase? TrainerOptions(object trainer)
    {
        for (var type = trainer.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(InstanceFields))
            {
                if (typeof(TrainerInputBase).IsAssignableFrom(field.FieldType) && field.GetValue(trainer) is TrainerInputBase options)
                {
                    return options;
                }
            }
        }

        return null;
    }

    /// <summary><c>EstimatorChain`1</c> reads as <c>EstimatorChain</c>; a nested type keeps only its own name.</summary>
    public static string FriendlyName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    private static void Add(List<object> steps, object estimator)
    {
        var type = estimator.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EstimatorChain<>)
            && type.GetField("_estimators", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(estimator) is object[] inner)
        {
            foreach (var step in inner)
            {
                Add(steps, step);
            }

            return;
        }

        steps.Add(estimator);
    }
}
