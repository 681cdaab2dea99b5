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

    /// <summary>One state per poll; the last is the one where the run has ended.</summary>
    public async IAsyncEnumerable<WatchState> PollAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var rate = new StepRate();
        while (true)
        {
            var progress = TrackingApiClient.Read<RunProgress>(await RunCurvesClient.ProgressJsonAsync(client, runId, ct));
            var now = time.GetUtcNow();
            var probe = new WatchState(progress, _curves, null, now);
            rate.Add(now, probe.Done);
            await RefreshCurvesAsync(progress, now, force: probe.Ended, ct);
            var state = probe with { Curves = new Dictionary<string, IReadOnlyList<double>>(_curves, StringComparer.Ordinal), StepsPerSecond = rate.PerSecond(progress.StartTime) };
            yield return state;
            if (state.Ended)
            {
                yield break;
            }

            await Task.Delay(interval, time, ct);
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
