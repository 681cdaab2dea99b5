namespace Otel.Tracking.Artifacts;

/// <summary>
/// An artifact was recorded but its bytes did not reach the collector's artifact store: the collector refused them
/// (too large, no API key…) or could not be reached after the retries. Its <c>ml.artifact</c> events were sent all the
/// same, with the local <c>file://</c> URI of each file not uploaded (<see cref="Recorded"/>); log it again to upload it.
/// </summary>
public sealed class ArtifactUploadException : Exception
{
    internal ArtifactUploadException(string message, ArtifactInfo recorded)
        : base(message)
    {
        Recorded = recorded;
    }

    /// <summary>What was recorded: <see cref="ArtifactInfo.Uploaded"/> is false, and files not uploaded point at their local copy.</summary>
    public ArtifactInfo Recorded { get; }

    /// <summary>
    /// <c>artifact 'model.bin' of run R was recorded but not uploaded: PUT answered 413: …</c>, with how many files of a
    /// directory failed, the first reason, and what to do.
    /// </summary>
    internal static ArtifactUploadException For(string runId, ArtifactInfo recorded, IReadOnlyList<(string Artifact, string Reason)> failures)
    {
        var (artifact, reason) = failures[0];
        var what = recorded.Files.Count == 1
            ? $"artifact '{recorded.Path}' of run {runId} was recorded but not uploaded: {reason}"
            : $"{failures.Count} of {recorded.Files.Count} files of artifact '{recorded.Path}' of run {runId} were recorded but not uploaded (first, '{artifact}': {reason})";
        return new ArtifactUploadException(
            what + ". The record points at the local file; check the collector's artifact endpoint (MlTrackingOptions.ArtifactEndpoint, " +
            "OTEL_TRACK_ENDPOINT) and log the artifact again.", recorded);
    }
}
