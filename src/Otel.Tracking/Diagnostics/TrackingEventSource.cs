using System.Diagnostics.Tracing;

namespace Otel.Tracking.Diagnostics;

/// <summary>
/// The SDK's own failures (collect with <c>dotnet-trace</c> or an EventListener on "Otel-Tracking").
/// The SDK records here instead of throwing into the training loop.
/// </summary>
[EventSource(Name = "Otel-Tracking")]
internal sealed class TrackingEventSource : EventSource
{
    public static readonly TrackingEventSource Log = new();

    [NonEvent]
    public void FlushFailed(string runId, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            FlushFailed(runId, exception.ToString());
        }
    }

    [NonEvent]
    public void StartFailed(string runId, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            StartFailed(runId, exception.ToString());
        }
    }

    [NonEvent]
    public void EndFailed(string runId, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            EndFailed(runId, exception.ToString());
        }
    }

    [NonEvent]
    public void HookFailed(string hook, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            HookFailed(hook, exception.ToString());
        }
    }

    [NonEvent]
    public void ProviderFlushFailed(string signal, Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.All))
        {
            ProviderFlushFailed(signal, exception.ToString());
        }
    }

    [NonEvent]
    public void CaptureFailed(string part, Exception exception)
    {
        if (IsEnabled(EventLevel.Warning, EventKeywords.All))
        {
            CaptureFailed(part, exception.ToString());
        }
    }

    [Event(1, Level = EventLevel.Error, Message = "Flushing metric points of run {0} failed: {1}")]
    public void FlushFailed(string runId, string error) => WriteEvent(1, runId, error);

    [Event(2, Level = EventLevel.Error, Message = "Ending run {0} failed: {1}")]
    public void EndFailed(string runId, string error) => WriteEvent(2, runId, error);

    [Event(3, Level = EventLevel.Error, Message = "Process hook {0} failed: {1}")]
    public void HookFailed(string hook, string error) => WriteEvent(3, hook, error);

    [Event(4, Level = EventLevel.Warning, Message = "Flushing the owned {0} provider failed or timed out: {1}")]
    public void ProviderFlushFailed(string signal, string error) => WriteEvent(4, signal, error);

    [Event(5, Level = EventLevel.Warning, Message = "Run {0}: skipped {1} '{2}': {3}")]
    public void AttributeSkipped(string runId, string kind, string key, string reason) => WriteEvent(5, runId, kind, key, reason);

    [Event(6, Level = EventLevel.Error, Message = "Starting the spans of run {0} failed: {1}")]
    public void StartFailed(string runId, string error) => WriteEvent(6, runId, error);

    [Event(7, Level = EventLevel.Warning, Message = "Export to {0} (OTLP {1}) failed: {2}; kept offline: {3}")]
    public void ExportFailed(string endpoint, string protocol, string reason, bool kept) => WriteEvent(7, endpoint, protocol, reason, kept);

    // Environment capture (ids from 20 on, apart from the run events above).
    [Event(20, Level = EventLevel.Warning, Message = "Capturing the environment ({0}) failed: {1}")]
    public void CaptureFailed(string part, string error) => WriteEvent(20, part, error);

    [Event(21, Level = EventLevel.Informational, Message = "Environment captured: {0} resource attributes in {1} ms")]
    public void EnvironmentCaptured(long attributes, long milliseconds) => WriteEvent(21, attributes, milliseconds);
}
