using System.Diagnostics;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>
/// MLflow's and W&amp;B's logging calls: params after the start (immutable once logged, as in MLflow), several metrics
/// at once, several tags, and a note. Params go out as one <c>ml.params</c> event per call on the run's next span.
/// </summary>
public sealed partial class MlRun
{
    // Every param the run has, as the text the collector stores: from the start, logged since, or read back on resume.
    private readonly Dictionary<string, string> _paramText = new(StringComparer.Ordinal);

    // Params logged after the start by this process, sent again on the final ml.run span (wire contract v1 puts them there).
    private readonly List<KeyValuePair<string, object?>> _lateParams = [];

    // Guarded by _sync: ml.params events waiting for the next span.
    private List<ActivityEvent>? _pendingParams;

    /// <summary>Logs one param after the start, as MLflow's <c>log_param</c>. See <see cref="LogParams"/>.</summary>
    /// <param name="key">Param name; dots allowed.</param>
    /// <param name="value">A value as <see cref="RunOptions.Params"/> takes it.</param>
    /// <exception cref="ArgumentException">The key is empty, the value null, or of a type whose only text is its type name.</exception>
    /// <exception cref="InvalidOperationException">The param has another value already, or the run has ended.</exception>
    public void LogParam(string key, object value) => LogParams(new Dictionary<string, object?>(1, StringComparer.Ordinal) { [key] = value });

    /// <summary>
    /// Logs params after the start, as MLflow's <c>log_params</c>; sent within
    /// <see cref="MlTrackingOptions.MetricFlushInterval"/>. A param keeps its first value: logging the same value again
    /// does nothing, another value throws and nothing of the call is logged (so a resumed run cannot silently train with
    /// other settings). Values are typed as in <see cref="RunOptions.Params"/> and compared as the text the collector stores.
    /// </summary>
    /// <exception cref="ArgumentException">A key is empty, a value null or of a type whose only text is its type name (nothing is logged).</exception>
    /// <exception cref="InvalidOperationException">A param has another value already, or the run has ended (nothing is logged).</exception>
    public void LogParams(IDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var normalized = new List<(string Key, object Value, string Text)>(parameters.Count);
        foreach (var (key, raw) in parameters)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A param key cannot be null or empty.", nameof(parameters));
            }

            var value = ParamValues.Normalize(key, raw)
                ?? throw new ArgumentException($"Param '{key}' has no value: log it with the value the run uses.", nameof(parameters));
            normalized.Add((key, value, ParamValues.ToText(value)));
        }

        var now = _time.GetUtcNow();
        lock (_sync)
        {
            if (_status is not null)
            {
                throw new InvalidOperationException($"Run {Id} has ended: log params before ending it.");
            }

            foreach (var (key, _, text) in normalized)
            {
                if (_paramText.TryGetValue(key, out var logged) && !string.Equals(logged, text, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Param '{key}' of run {Id} is '{logged}' already and cannot change to '{text}': params are immutable, as in MLflow. " +
                        "Log the new value under another key, or as a tag or metric if it changes during the run.");
                }
            }

            ActivityTagsCollection? fresh = null;
            foreach (var (key, value, text) in normalized)
            {
                if (_paramText.TryAdd(key, text))
                {
                    (fresh ??= []).Add(MlSemanticConventions.ParamPrefix + key, value);
                    _lateParams.Add(new(MlSemanticConventions.ParamPrefix + key, value));
                }
            }

            if (fresh is not null)
            {
                (_pendingParams ??= []).Add(new ActivityEvent(MlSemanticConventions.ParamsEvent, now, fresh));
            }
        }
    }

    /// <summary>
    /// Records several metric points at one step, as MLflow's <c>log_metrics</c> and W&amp;B's <c>log</c>: one lock and one
    /// timestamp for all of them, on the same path as <see cref="LogMetric"/> (never blocks, never throws; empty keys and
    /// points after the end are dropped and counted as there). A <see cref="Dictionary{TKey, TValue}"/> allocates nothing.
    /// </summary>
    /// <param name="metrics">Metric names and values.</param>
    /// <param name="step">Step of every point; when omitted, each key takes its own next step, as in <see cref="LogMetric"/>.</param>
    public void LogMetrics(IDictionary<string, double> metrics, long? step = null)
    {
        if (metrics is null || metrics.Count == 0)
        {
            return;
        }

        var timestamp = UnixTime.ToNanoseconds(_time.GetUtcNow());
        lock (_sync)
        {
            if (metrics is Dictionary<string, double> dictionary)
            {
                // The struct enumerator: no boxing, so no allocation per call.
                foreach (var (key, value) in dictionary)
                {
                    AddPointChecked(key, value, step, timestamp);
                }
            }
            else
            {
                foreach (var (key, value) in metrics)
                {
                    AddPointChecked(key, value, step, timestamp);
                }
            }
        }
    }

    /// <summary>Sets several tags, as <see cref="SetTag"/> does for one: all of them, or none when one is refused.</summary>
    /// <exception cref="ArgumentException">A key is empty or a value null (nothing is set).</exception>
    /// <exception cref="InvalidOperationException">The run has ended (nothing is set).</exception>
    public void SetTags(IDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (key, value) in tags)
        {
            TagValues.Check(key, value);
        }

        lock (_sync)
        {
            foreach (var (key, value) in tags)
            {
                ThrowIfEndedForTags(key);
                SetTagLocked(key, value);
            }
        }
    }

    /// <summary>
    /// Sets the run's text note (Markdown welcome), shown by <c>otel-track runs show</c>. Sent as the tag
    /// <c>mlflow.note.content</c>, MLflow's own key for it; a note set later with <c>otel-track runs note</c> wins.
    /// </summary>
    public void SetNote(string text) => SetTag(MlSemanticConventions.NoteTag, text);

    /// <summary>Under <see cref="_sync"/>: the checks of <see cref="LogMetric"/>, then the point.</summary>
    private void AddPointChecked(string key, double value, long? step, long timestamp)
    {
        if (string.IsNullOrEmpty(key))
        {
            _droppedInvalidKey++;
            SdkCounters.AddInvalidKey();
        }
        else if (_status is not null)
        {
            _droppedRunEnded++;
            SdkCounters.AddRunEnded();
        }
        else
        {
            AddPointLocked(key, value, step, timestamp);
        }
    }
}
