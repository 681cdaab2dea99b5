using System.Runtime.CompilerServices;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Watching;

/// <summary>
/// Polls a run's progress (<c>/api/runs/{id}/progress</c>) every <c>interval</c> until it ends. With
/// <c>curveWidth</c> &gt; 0 it also keeps a sparkline per shown metric, fetching a key's history again only when
/// its steps moved and at most every <see cref="CurveRefresh"/>, so most polls are one request.
/// </summary>
internal sealed class RunWatcher(TrackingApiClient client, string runId, TimeSpan interval, int curveWidth, TimeProvider time)
{
    public static readonly TimeSpan CurveRefresh = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, IReadOnlyList<double>> _curves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long LastStep, DateTimeOffset At)> _fetched = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a watch keeps polling a collector that stopped answering after the first poll (a restart, an upgrade)
    /// before it gives up: the run goes on meanwhile, its SDK retrying its exports.
    /// </summary>
    public static readonly TimeSpan ReconnectFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// One state per poll; the last is the one where the run has ended. While the collector does not answer, the last
    /// state again with <see cref="WatchState.Unreachable"/> saying why.
    /// </summary>
    public async IAsyncEnumerable<WatchState> PollAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var rate = new StepRate();
        WatchState? last = null;
        DateTimeOffset? unreachableSince = null;
        while (true)
        {
            var (progress, failure) = await TryPollAsync(last is not null, ct);
            var now = time.GetUtcNow();
            if (progress is null)
            {
                unreachableSince ??= now;
                if (last is null || now - unreachableSince >= ReconnectFor)
                {
                    throw failure!;
                }

                last = last with { Now = now, Unreachable = failure!.Message };
                yield return last;
                await Task.Delay(interval, time, ct);
                continue;
            }

            unreachableSince = null;
            var probe = new WatchState(progress, _curves, null, now);
            rate.Add(now, probe.Done);
            var state = probe with { Curves = new Dictionary<string, IReadOnlyList<double>>(_curves, StringComparer.Ordinal), StepsPerSecond = rate.PerSecond(progress.StartTime) };
            last = state;
            yield return state;
            if (state.Ended)
            {
                yield break;
            }

            await Task.Delay(interval, time, ct);
        }
    }

    /// <summary>The run's progress with its curves refreshed, or, once the watch has begun, why the collector did not answer.</summary>
    private async Task<(RunProgress? Progress, CliException? Failure)> TryPollAsync(bool begun, CancellationToken ct)
    {
        try
        {
            var progress = TrackingApiClient.Read<RunProgress>(await RunCurvesClient.ProgressJsonAsync(client, runId, ct));
            await RefreshCurvesAsync(progress, time.GetUtcNow(), force: progress.Status != Otel.Tracking.MlSemanticConventions.Status.Running, ct);
            return (progress, null);
        }
        catch (CliException e) when (begun && e.ExitCode == ExitCodes.Unreachable)
        {
            return (null, e);
        }
    }

    private async Task RefreshCurvesAsync(RunProgress progress, DateTimeOffset now, bool force, CancellationToken ct)
    {
        if (curveWidth <= 0)
        {
            return;
        }

        foreach (var (key, metric) in progress.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(WatchView.MaxMetrics))
        {
            var stale = !_fetched.TryGetValue(key, out var fetched)
                || (fetched.LastStep != metric.LastStep && (force || now - fetched.At >= CurveRefresh));
            if (stale)
            {
                var history = await RunCurvesClient.HistoryAsync(client, runId, key, curveWidth, ct);
                _curves[key] = history.Select(p => p.Value).ToList();
                _fetched[key] = (metric.LastStep, now);
            }
        }
    }
}
