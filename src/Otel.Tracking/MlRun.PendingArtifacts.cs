using Otel.Tracking.Artifacts;

namespace Otel.Tracking;

/// <summary>Artifact uploads running in the background: ending the run waits for them, and failures are reported.</summary>
public sealed partial class MlRun
{
    // Guarded by _artifactLock.
    private readonly HashSet<Task> _pendingArtifacts = [];

    private TTask Track<TTask>(TTask upload)
        where TTask : Task
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
            // Each failure is reported by its own upload (ReportIfFailed) or to its awaiting caller.
            return;
        }

        var running = pending.Count(t => !t.IsCompleted);
        Problems.WriteLine($"otel-track: run {Id} ended with {running} artifact upload(s) still running after {_settings.ShutdownTimeout.TotalSeconds:0.#} s " +
            "(MlTrackingOptions.ShutdownTimeout); they go on in the background while the process lives. Await LogArtifact's upload before ending the run to be sure.");
    }

    /// <summary>An upload nobody may be waiting for failed: say so, so that it is never lost silently.</summary>
    private void ReportIfFailed(Task<ArtifactInfo> upload)
    {
        switch (upload.Exception?.GetBaseException())
        {
            case null:
                return;
            case ArtifactUploadException notUploaded:
                // Recorded with its local URI, and each refused file went to the EventSource already.
                Problems.WriteLine("otel-track: " + notUploaded.Message);
                return;
            case var error:
                ArtifactEventSource.Log.EmitFailed(Id, error);
                Problems.WriteLine($"otel-track: an artifact of run {Id} was not logged: {error.Message}");
                return;
        }
    }

    private TextWriter Problems => _settings.ProblemOutput ?? Console.Error;
}
