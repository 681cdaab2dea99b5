using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Serving;

/// <summary>
/// A baseline entry made recordable, or skipped with a warning when it cannot be (a service still starts and records
/// the other entries: one malformed profile must not take the predictions down).
/// </summary>
internal static class ServingDistributions
{
    public static ServingDistribution? Create(BaselineDistribution baseline, Counter<long> categoryCounter, ILogger logger)
    {
        var problem = (baseline.Kind, baseline.Type) switch
        {
            (not (MlSemanticConventions.BaselineKinds.Feature or MlSemanticConventions.BaselineKinds.Prediction), _) => $"its kind '{baseline.Kind}' is neither feature nor prediction",
            (_, MlSemanticConventions.BaselineTypes.Numeric) when !Ascending(baseline.Bounds) => "its bounds are not finite and strictly ascending",
            (_, MlSemanticConventions.BaselineTypes.Numeric or MlSemanticConventions.BaselineTypes.Categorical) => null,
            _ => $"its type '{baseline.Type}' is neither numeric nor categorical",
        };
        if (problem is not null)
        {
            ServingLog.UnusableDistribution(logger, baseline.Kind, baseline.Name, problem);
            return null;
        }

        return baseline.Type == MlSemanticConventions.BaselineTypes.Numeric
            ? new NumericDistribution(baseline.Name, baseline.Kind, baseline.Bounds)
            : new CategoricalDistribution(baseline.Name, baseline.Kind, baseline.Categories, categoryCounter);
    }

    /// <summary>OTLP explicit bounds must be finite and strictly increasing; the SDK would reject the advice otherwise.</summary>
    private static bool Ascending(List<double> bounds)
    {
        for (var i = 0; i < bounds.Count; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return false;
            }
        }

        return true;
    }
}
