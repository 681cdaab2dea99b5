using System.Diagnostics.Tracing;

namespace Otel.Tracking.Artifacts;

/// <summary>
/// Failures of artifact uploads and dataset inspection ("Otel-Tracking-Artifacts"): recorded here instead of
/// thrown, so a collector that is down never fails the training code. The run still records the metadata.
/// </summary>
[EventSource(Name = "Otel-Tracking-Artifacts")]
internal sealed class ArtifactEventSource : EventSource
{
    public static readonly ArtifactEventSource Log = new();

    [NonEvent]
    public void EmitFailed(string runId, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            EmitFailed(runId, exception.ToString());
        }
    }

    [Event(1, Level = EventLevel.Warning, Message = "Run {0}: artifact {1} ({2}) was not uploaded: {3}")]
    public void UploadFailed(string runId, string path, string sha256, string reason) => WriteEvent(1, runId, path, sha256, reason);

    [Event(2, Level = EventLevel.Informational, Message = "Artifact {0}: attempt {1} failed, retrying: {2}")]
    public void UploadRetry(string sha256, int attempt, string reason) => WriteEvent(2, sha256, attempt, reason);

    [Event(3, Level = EventLevel.Warning, Message = "Run {0}: rows and schema of dataset {1} are unknown: {2}")]
    public void InspectionFailed(string runId, string dataset, string reason) => WriteEvent(3, runId, dataset, reason);

    [Event(4, Level = EventLevel.Error, Message = "Run {0}: emitting an artifact or dataset event failed: {1}")]
    public void EmitFailed(string runId, string error) => WriteEvent(4, runId, error);

    [Event(5, Level = EventLevel.Warning, Message = "Run {0}: training dataset {1} has no baseline: {2}")]
    public void BaselineSkipped(string runId, string dataset, string reason) => WriteEvent(5, runId, dataset, reason);
}
