using System.Diagnostics;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>Ending a run: the first end wins, the buffer is flushed, then the <c>ml.run</c> span ends.</summary>
public sealed partial class MlRun
{
    /// <summary>Ends the run with <paramref name="status"/>. Only the first end of a run counts; later calls do nothing.</summary>
    public void End(RunStatus status) => EndCore(status, description: null, exception: null);

    /// <summary>Ends the run as <see cref="RunStatus.Failed"/>, recording the exception on the <c>ml.run</c> span.</summary>
    public void Fail(Exception exception) =>
        EndCore(RunStatus.Failed, exception is null ? null : $"{exception.GetType().FullName}: {exception.Message}", exception);

    /// <summary>Ends the run as <see cref="RunStatus.Finished"/> unless it was ended already.</summary>
    public void Dispose() => EndCore(RunStatus.Finished, description: null, exception: null);

    /// <summary>Returns false when the run had ended already. Never throws.</summary>
    internal bool EndCore(RunStatus status, string? description, Exception? exception)
    {
        lock (_sync)
        {
            if (_status is not null)
            {
                return false;
            }

            _status = status;
        }

        RestoreCurrent();

        try
        {
            WaitForPendingArtifacts();
            _timer.Dispose();
            lock (_flushLock)
            {
                try
                {
                    DrainAndEmit(final: true);
                }
                catch (Exception flushError)
                {
                    TrackingEventSource.Log.FlushFailed(Id, flushError);
                }

                _finalized = true;
                FinishRunSpan(status, description, exception);
            }
        }
        catch (Exception endError)
        {
            TrackingEventSource.Log.EndFailed(Id, endError);
        }
        finally
        {
            _tracking.OnRunEnded(this);
        }

        return true;
    }

    private void FinishRunSpan(RunStatus status, string? description, Exception? exception)
    {
        if (_span is null)
        {
            return;
        }

        var end = _time.GetUtcNow();
        if (_span.IsAllDataRequested)
        {
            _span.SetTag(MlSemanticConventions.RunStatus, ToWire(status));

            // Tags are final once the status is set, so no lock is needed to read them.
            foreach (var (key, value) in _tags)
            {
                _span.SetTag(MlSemanticConventions.TagPrefix + key, value);
            }

            // Params are final too: ml.run carries every param (wire contract v1), those logged after the start included.
            foreach (var (key, value) in _lateParams)
            {
                _span.SetTag(key, value);
            }

            if (exception is not null)
            {
                _span.AddException(exception, timestamp: end);
            }

            if (status == RunStatus.Finished)
            {
                _span.SetStatus(ActivityStatusCode.Ok);
            }
            else
            {
                _span.SetStatus(ActivityStatusCode.Error, description ?? $"Run ended with status {ToWire(status)}");
            }
        }

        RunSpans.Stop(_span, end);
    }

    internal static string ToWire(RunStatus status) => status switch
    {
        RunStatus.Failed => MlSemanticConventions.Status.Failed,
        RunStatus.Killed => MlSemanticConventions.Status.Killed,
        _ => MlSemanticConventions.Status.Finished,
    };
}
