using System.Net;
using Otel.Tracking.Registry;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>
/// Resuming a run in a new process, as W&amp;B's <c>resume="must"</c>: a preempted or crashed job carries on under the same
/// run id. The run is looked up through the collector's query API (<see cref="MlTrackingOptions.ArtifactEndpoint"/>).
/// </summary>
public sealed partial class MlTracking
{
    /// <summary>
    /// Continues run <paramref name="runId"/>: same id, experiment, name and parent. Metric points append, and a key's
    /// implicit steps continue after its last stored step; params logged before keep their values and cannot change
    /// (<see cref="MlRun.LogParams"/> throws); the run is RUNNING again until this process ends it, and its status is the
    /// one this process ends it with. Its start time stays the first start. Waits for the collector's answer.
    /// </summary>
    /// <param name="runId">
    /// The id of a run the collector knows (as <see cref="MlRun.Id"/>, or <c>otel-track runs list</c> shows it), or a prefix of
    /// 6 or more characters that only one run id starts with, as every CLI command takes.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// The collector knows no such run, the prefix names several (the message lists them), the collector cannot be reached,
    /// or the run is active in this process.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The tracker was disposed.</exception>
    public MlRun ResumeRun(string runId)
    {
        // Only the look-up leaves this thread: the run is made here, so that it becomes MlRun.Current for the caller.
        var resumed = Task.Run(() => LookUpAsync(runId, CancellationToken.None)).GetAwaiter().GetResult();
        return Begin(new MlRun(this, resumed.Options(), Options, _time, resumed));
    }

    /// <summary>
    /// <see cref="ResumeRun"/> without blocking a thread on the collector. The run is <see cref="MlRun.Current"/> only inside
    /// this method: an async method's <see cref="AsyncLocal{T}"/> changes never reach its caller, so use
    /// <see cref="ResumeRun"/> where code relies on <see cref="MlRun.Current"/>.
    /// </summary>
    /// <param name="runId">The id of a run the collector knows, or a prefix of 6 or more characters that only one run id starts with.</param>
    /// <param name="cancellationToken">Stops waiting for the collector.</param>
    /// <exception cref="InvalidOperationException">
    /// The collector knows no such run, the prefix names several (the message lists them), the collector cannot be reached,
    /// or the run is active in this process.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The tracker was disposed.</exception>
    public async Task<MlRun> ResumeRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var resumed = await LookUpAsync(runId, cancellationToken);
        return Begin(new MlRun(this, resumed.Options(), Options, _time, resumed));
    }

    private async Task<ResumedRun> LookUpAsync(string idOrPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrPrefix);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        ThrowIfActive(idOrPrefix);
        try
        {
            var runId = await Registry.ResolveRunIdAsync(idOrPrefix, cancellationToken);
            ThrowIfActive(runId);
            return ResumedRun.From(await Registry.GetRunAsync(runId, cancellationToken));
        }
        catch (ModelRegistryException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException(
                $"Cannot resume run '{idOrPrefix}': the collector at {Registry.Endpoint} knows no such run (no run id is or starts with it). " +
                "Check the id with 'otel-track runs list', or start a new run with StartRun.", e);
        }
        catch (ModelRegistryException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // The collector's message lists the candidates as the CLI shows them, and asks for more characters.
            throw new InvalidOperationException($"Cannot resume run '{idOrPrefix}': {e.Message}, or pass the whole run id.", e);
        }
        catch (ModelRegistryException e)
        {
            throw new InvalidOperationException($"Cannot resume run '{idOrPrefix}': {e.Message}", e);
        }
    }

    private void ThrowIfActive(string runId)
    {
        if (ActiveRuns().Any(r => r.Id == runId))
        {
            throw new InvalidOperationException($"Run {runId} is active in this process already: keep logging to it instead of resuming it.");
        }
    }
}
