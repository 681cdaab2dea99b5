using Microsoft.ML;
using Otel.Tracking.Artifacts;

namespace Otel.Tracking.MLNet;

/// <summary>Saves an ML.NET model the way <c>MLContext.Model.Save</c> does and logs the file as the run's model.</summary>
public static class ModelArtifactExtensions
{
    /// <summary>The artifact kind of a saved model (<c>ml.artifact.kind</c>).</summary>
    public const string ModelKind = "model";

    /// <summary>
    /// Saves <paramref name="model"/> with its input schema to <paramref name="path"/> (a zip, as
    /// <c>MLContext.Model.Save</c> writes it; the file is kept) and logs it as an artifact of kind <c>model</c>, at
    /// <paramref name="artifactPath"/> within the run (default: the file's name), ready for <c>models register</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static ArtifactUpload LogModel(this MlRun run, MLContext mlContext, ITransformer model, DataViewSchema inputSchema, string path,
        string? artifactPath = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        mlContext.Model.Save(model, inputSchema, fullPath);
        return run.LogArtifact(fullPath, ModelKind, artifactPath ?? Path.GetFileName(fullPath));
    }
}
