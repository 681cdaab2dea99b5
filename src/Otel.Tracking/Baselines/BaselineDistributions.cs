using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Baselines;

/// <summary>Builds the <see cref="BaselineDistribution"/> records the SDK logs and returns.</summary>
internal static class BaselineDistributions
{
    public static BaselineDistribution Numeric(string name, string kind, double[] bounds, long[] counts, string digest) => new()
    {
        Name = name,
        Kind = kind,
        Type = MlSemanticConventions.BaselineTypes.Numeric,
        Bounds = [.. bounds],
        Counts = [.. counts],
        DatasetDigest = digest,
    };

    public static BaselineDistribution Categorical(string name, string kind, string[] categories, long[] counts, string digest) => new()
    {
        Name = name,
        Kind = kind,
        Type = MlSemanticConventions.BaselineTypes.Categorical,
        Categories = [.. categories],
        Counts = [.. counts],
        DatasetDigest = digest,
    };
}
