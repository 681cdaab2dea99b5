using Otel.Tracking.Artifacts;

namespace Otel.Tracking;

/// <summary>Artifact uploads running in the background: ending the run waits for them, and failures are reported.</summary>
public sealed partial class MlRun
{
    // Guarded by _artifactLock.
    private readonly HashSet<Task> _pendingArtifacts = [];

    private Task<ArtifactInfo> Track(Task<ArtifactInfo> upload)
    {
        lock (_artifactLock)
        {
            _pendingArtifacts.Add(upload);
        }

        _ = upload.ContinueWith(
            static (task, state) =>
            {
                var run = (MlRun)state!;
                lock (run._artifactLock)
                {
                    run._pendingArtifacts.Remove(task);
                }
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return upload;
    }

    /// <summary>
    /// Before the run's last spans: waits up to <see cref="MlTrackingOptions.ShutdownTimeout"/> for pending uploads, so
    /// that their events are sent with the run, and says on stderr which ones are still running after that.
    /// </summary>
    private void WaitForPendingArtifacts()
    {
        Task[] pending;
        lock (_artifactLock)
        {
            pending = [.. _pendingArtifacts];
        }

        if (pending.Length == 0)
        {
            return;
        }

        try
        {
            if (Task.WaitAll(pending, _settings.ShutdownTimeout))
            {
                return;
            }
        }
        catch (AggregateException)
        {
            // Each failure is reported by its own upload (ReportFailedUpload) or to its awaiting caller.
            return;
        }

        var running = pending.Count(t => !t.IsCompleted);
        Problems.WriteLine($"otel-track: run {Id} ended with {running} artifact upload(s) still running after {_settings.ShutdownTimeout.TotalSeconds:0.#} s " +
            "(MlTrackingOptions.ShutdownTimeout); they go on in the background while the process lives. Await LogArtifact's upload before ending the run to be sure.");
    }

    /// <summary>An upload nobody may be waiting for failed: say so, so that it is never lost silently.</summary>
    private void ReportFailedUpload(Task<ArtifactInfo> upload)
    {
        var error = upload.Exception?.GetBaseException();
        ArtifactEventSource.Log.EmitFailed(Id, error ?? new InvalidOperationException("artifact upload failed"));
        Problems.WriteLine($"otel-track: an artifact of run {Id} was not logged: {error?.Message}");
    }

    private TextWriter Problems => _settings.ProblemOutput ?? Console.Error;
}
