using System.Diagnostics;
using Otel.Tracking.Buffering;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>The background half of a run: chunk spans, heartbeats and the timer that drives them.</summary>
public sealed partial class MlRun
{
    private readonly Lock _flushLock = new();
    private readonly List<MetricSegment> _draining = [];
    private readonly ITimer _timer;

    // Guarded by _flushLock.
    private DateTimeOffset _lastEmit;
    private bool _finalized;

    /// <summary>
    /// Sends what is buffered now, as the timer does: points as <c>ml.run.metrics</c> spans, else changed tags or
    /// an overdue heartbeat as an <c>ml.run.heartbeat</c> span. The test seam for the timer.
    /// </summary>
    internal void Flush()
    {
        lock (_flushLock)
        {
            if (!_finalized)
            {
                DrainAndEmit(final: false);
            }
        }
    }

    private ITimer CreateFlushTimer()
    {
        // Not flowing the starter's ExecutionContext keeps the host's AsyncLocals (Activity.Current, ...) off the timer.
        if (ExecutionContext.IsFlowSuppressed())
        {
            return StartTimer();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return StartTimer();
        }

        ITimer StartTimer() => _time.CreateTimer(
            static state => ((MlRun)state!).OnTimer(), this, _settings.MetricFlushInterval, _settings.MetricFlushInterval);
    }

    private void OnTimer()
    {
        // A tick that finds a flush in progress is skipped, so slow flushes never pile up thread-pool threads.
        if (!_flushLock.TryEnter())
        {
            return;
        }

        try
        {
            if (!_finalized)
            {
                DrainAndEmit(final: false);
            }
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.FlushFailed(Id, exception);
        }
        finally
        {
            _flushLock.Exit();
        }
    }

    /// <summary>Swaps the buffer out under the run lock, then builds spans outside it so logging never waits on this.</summary>
    private void DrainAndEmit(bool final)
    {
        int count;
        Dictionary<string, string>? changedTags;
        List<ActivityEvent>? loggedParams;
        lock (_sync)
        {
            count = _buffer.DrainTo(_draining);
            changedTags = _changedTags;
            _changedTags = null;
            loggedParams = _pendingParams;
            _pendingParams = null;
        }

        try
        {
            var now = _time.GetUtcNow();
            if (count > 0)
            {
                SdkCounters.AddLogged(count);
                EmitChunks(count, new RunNews(changedTags, loggedParams), now);
                _lastEmit = now;
            }
            else if (!final && (changedTags is not null || loggedParams is not null || now - _lastEmit >= _settings.HeartbeatInterval))
            {
                // At the end, changed tags and logged params ride on the ml.run span instead.
                EmitHeartbeat(new RunNews(changedTags, loggedParams), now);
                _lastEmit = now;
            }
        }
        finally
        {
            lock (_sync)
            {
                _buffer.Return(_draining);
            }

            _draining.Clear();
        }
    }

    private void EmitChunks(int count, RunNews news, DateTimeOffset now)
    {
        if (_span is null || !TrackingTelemetry.Source.HasListeners())
        {
            return;
        }

        var chunks = MetricChunk.Split(_draining, count, _settings.MaxPointsPerEvent);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var span = RunSpans.StartChild(
                MlSemanticConventions.RunMetricsSpan, _span.Context, _identity, UnixTime.FromNanoseconds(chunk.Timestamps[0]));
            if (span is null)
            {
                continue;
            }

            if (span.IsAllDataRequested)
            {
                if (i == 0)
                {
                    news.AddTo(span);
                }

                span.AddEvent(new ActivityEvent(MlSemanticConventions.MetricsEvent, now, new ActivityTagsCollection
                {
                    [MlSemanticConventions.MetricKeys] = chunk.Keys,
                    [MlSemanticConventions.MetricValues] = chunk.Values,
                    [MlSemanticConventions.MetricSteps] = chunk.Steps,
                    [MlSemanticConventions.MetricTimestamps] = chunk.Timestamps,
                }));
            }

            RunSpans.Stop(span, now);
        }
    }

    private void EmitHeartbeat(RunNews news, DateTimeOffset now)
    {
        if (_span is null)
        {
            return;
        }

        var span = RunSpans.StartChild(MlSemanticConventions.RunHeartbeatSpan, _span.Context, _identity, now);
        if (span is null)
        {
            return;
        }

        if (span.IsAllDataRequested)
        {
            news.AddTo(span);
        }

        RunSpans.Stop(span, now);
    }
}
