using Otel.Tracking.Datasets;

namespace Otel.Cli.Reproduction;

/// <summary>The dataset digest of a file or directory, computed exactly as the SDK computed it when the run logged it.</summary>
internal static class DatasetDigests
{
    public static string? Compute(string path) => DatasetInspector.FromPath(path, name: null, context: "check", problem: _ => { }).Digest;
}
