using System.Diagnostics;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Baselines;

/// <summary>The attributes of one <c>ml.baseline</c> event (docs/semantic-conventions.md, "Baselines").</summary>
internal static class BaselineAttributes
{
    public static ActivityTagsCollection Of(BaselineDistribution baseline)
    {
        var tags = new ActivityTagsCollection
        {
            [MlSemanticConventions.BaselineName] = baseline.Name,
            [MlSemanticConventions.BaselineKind] = baseline.Kind,
            [MlSemanticConventions.BaselineType] = baseline.Type,
        };
        if (baseline.Type == MlSemanticConventions.BaselineTypes.Numeric)
        {
            tags[MlSemanticConventions.BaselineBounds] = baseline.Bounds.ToArray();
        }
        else
        {
            tags[MlSemanticConventions.BaselineCategories] = baseline.Categories.ToArray();
        }

        tags[MlSemanticConventions.BaselineCounts] = baseline.Counts.ToArray();
        if (baseline.DatasetDigest.Length > 0)
        {
            tags[MlSemanticConventions.BaselineDatasetDigest] = baseline.DatasetDigest;
        }

        return tags;
    }
}
