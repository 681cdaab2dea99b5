using Otel.Tracking.Artifacts;
using Otel.Tracking.EnvironmentCapture;

namespace Otel.Tracking;

public sealed partial class MlRun
{
    private Task? _uncommittedDiff;

    /// <summary>
    /// When the tree is dirty, logs the uncommitted diff as the artifact <c>vcs/uncommitted.diff</c>, in the
    /// background: starting or ending a run never waits on the upload, and the event is recorded even if
    /// the run has ended by then (it is still a child of the run's span).
    /// </summary>
    internal void LogUncommittedDiff(GitSnapshot git)
    {
        if (git.DiffBytes is not { } diff)
        {
            return;
        }

        var content = diff.ToArray();
        _uncommittedDiff = Task.Run(async () =>
        {
            try
            {
                await LogArtifactBytesAsync(content, MlSemanticConventions.VcsDiffArtifactPath, "vcs-diff", CancellationToken.None, allowAfterEnd: true);
            }
            catch (Exception ex)
            {
                // Never a reason to hurt the training process; the upload path records its own failures.
                ArtifactEventSource.Log.EmitFailed(Id, ex);
            }
        });
    }

    /// <summary>The background diff upload, for tests to await.</summary>
    internal Task UncommittedDiff => _uncommittedDiff ?? Task.CompletedTask;
}
