using System.Runtime.CompilerServices;

namespace Otel.Tracking.Artifacts;

/// <summary>
/// An artifact being hashed and uploaded in the background (<see cref="MlRun.LogArtifact"/>). Await it, or call
/// <see cref="Wait"/>, for what was recorded; there is no need to, as ending the run waits for it.
/// </summary>
public sealed class ArtifactUpload
{
    internal ArtifactUpload(string path, Task<ArtifactInfo> completion)
    {
        Path = path;
        Completion = completion;
    }

    /// <summary>Path of the artifact within the run (<c>ml.artifact.path</c>; for a directory, the path its files go under).</summary>
    public string Path { get; }

    /// <summary>Completes with the recorded artifact once its bytes are hashed and uploaded (or the upload was given up).</summary>
    public Task<ArtifactInfo> Completion { get; }

    /// <summary>Lets <c>await run.LogArtifact(...)</c> read as it says.</summary>
    public TaskAwaiter<ArtifactInfo> GetAwaiter() => Completion.GetAwaiter();

    /// <summary>Blocks until the artifact is recorded and returns it; rethrows what made it fail (e.g. an unreadable file).</summary>
    public ArtifactInfo Wait() => Completion.GetAwaiter().GetResult();

    /// <summary>The recorded artifact's text once done, else the path and <c>(uploading)</c>.</summary>
    public override string ToString() => Completion.IsCompletedSuccessfully ? Completion.GetAwaiter().GetResult().ToString() : $"{Path} (uploading)";
}
