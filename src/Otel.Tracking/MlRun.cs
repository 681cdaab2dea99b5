using System.Diagnostics;
using System.Runtime.InteropServices;
using Otel.Tracking.Buffering;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Runs;

namespace Otel.Tracking;

/// <summary>
/// One training run: records metric points and tags while active and reports itself through the
/// <c>ml.run</c> span family of wire contract v1. Thread-safe. Never throws from <see cref="LogMetric"/> or
/// <see cref="SetTag"/>. Disposing a run that was not ended ends it as <see cref="RunStatus.Finished"/>.
/// </summary>
public sealed partial class MlRun : IDisposable
{
    private const string DefaultExperiment = "Default";

    private readonly MlTracking _tracking;
    private readonly MlTrackingOptions _settings;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly MetricBuffer _buffer;
    private readonly Dictionary<string, long> _nextStep = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, object?>[] _identity;
    private readonly Activity? _span;
    private readonly ResumedRun? _resumed;
    private Dictionary<string, string>? _changedTags;
    private RunStatus? _status;
    private long _droppedBufferFull;
    private long _droppedRunEnded;
    private long _droppedInvalidKey;

    internal MlRun(MlTracking tracking, RunOptions options, MlTrackingOptions settings, TimeProvider time, ResumedRun? resumed = null)
    {
        _tracking = tracking;
        _settings = settings;
        _time = time;
        _buffer = new MetricBuffer(settings.MaxBufferedPoints);
        _resumed = resumed;
        Id = resumed?.Id ?? Guid.NewGuid().ToString("N");
        resumed?.SeedInto(_paramText, _nextStep);
        Experiment = string.IsNullOrEmpty(options.Experiment) ? DefaultExperiment : options.Experiment;
        Name = string.IsNullOrEmpty(options.Name) ? "run-" + Id[..8] : options.Name;
        ParentRunId = string.IsNullOrEmpty(options.ParentRunId) ? null : options.ParentRunId;
        _identity = [new(MlSemanticConventions.RunId, Id), new(MlSemanticConventions.ExperimentName, Experiment)];

        var attributes = StartAttributes(options);
        _previousCurrent = CurrentRun.Value;
        CurrentRun.Value = this;
        var now = time.GetUtcNow();
        _lastEmit = now;
        _span = StartSpans(attributes, now, options.MakeRunSpanCurrent);
        _timer = CreateFlushTimer();
    }

    /// <summary>Unique id of the run (<c>ml.run.id</c>): 32 lowercase hexadecimal characters.</summary>
    public string Id { get; }

    /// <summary>Experiment the run belongs to (<c>ml.experiment.name</c>).</summary>
    public string Experiment { get; }

    /// <summary>Name of the run (<c>ml.run.name</c>).</summary>
    public string Name { get; }

    /// <summary>Id of the parent run (<c>ml.run.parent_id</c>), or null for a top-level run.</summary>
    public string? ParentRunId { get; }

    /// <summary>The status the run ended with, or null while it runs.</summary>
    internal RunStatus? Status
    {
        get
        {
            lock (_sync)
            {
                return _status;
            }
        }
    }

    internal long DroppedBufferFull => Interlocked.Read(ref _droppedBufferFull);

    internal long DroppedRunEnded => Interlocked.Read(ref _droppedRunEnded);

    internal long DroppedInvalidKey => Interlocked.Read(ref _droppedInvalidKey);

    /// <summary>
    /// Records a metric point. The hot path: allocates nothing, never blocks on the network and never throws.
    /// The point is buffered and sent within <see cref="MlTrackingOptions.MetricFlushInterval"/>.
    /// </summary>
    /// <param name="key">Metric name. A null or empty key drops the point (counted as <c>invalid_key</c>).</param>
    /// <param name="value">Any double; NaN and infinities are kept and sent as they are (MLflow keeps them too).</param>
    /// <param name="step">
    /// Step of the point. When omitted, the step is one more than the last step of the same key (0, 1, 2, ... for
    /// a key that never gets an explicit step).
    /// </param>
    public void LogMetric(string key, double value, long? step = null)
    {
        if (string.IsNullOrEmpty(key))
        {
            Interlocked.Increment(ref _droppedInvalidKey);
            SdkCounters.AddInvalidKey();
            return;
        }

        var timestamp = UnixTime.ToNanoseconds(_time.GetUtcNow());
        lock (_sync)
        {
            if (_status is not null)
            {
                _droppedRunEnded++;
                SdkCounters.AddRunEnded();
                return;
            }

            AddPointLocked(key, value, step, timestamp);
        }
    }

    /// <summary>Buffers one point; the caller holds <see cref="_sync"/> and has checked the key and that the run is active.</summary>
    private void AddPointLocked(string key, double value, long? step, long timestamp)
    {
        // Allocation-free for a known key: a reference into the dictionary's own slot.
        ref var nextStep = ref CollectionsMarshal.GetValueRefOrAddDefault(_nextStep, key, out _);
        var pointStep = step ?? nextStep;
        nextStep = pointStep == long.MaxValue ? pointStep : pointStep + 1;

        if (!_buffer.TryAdd(key, value, pointStep, timestamp))
        {
            _droppedBufferFull++;
            SdkCounters.AddBufferFull(1);
        }
    }

    /// <summary>
    /// Sets a tag (<c>ml.tag.&lt;key&gt;</c>). Sent on the next span of the run, so it is live within
    /// <see cref="MlTrackingOptions.MetricFlushInterval"/>, and on the final <c>ml.run</c> span. Setting it again replaces
    /// the value. A tag's value is a string, as in MLflow: there is no null value (remove a tag with <c>otel-track runs tag
    /// RUN --delete KEY</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty or the value null.</exception>
    /// <exception cref="InvalidOperationException">The run has ended (as for params and artifacts).</exception>
    public void SetTag(string key, string value)
    {
        TagValues.Check(key, value);
        lock (_sync)
        {
            ThrowIfEndedForTags(key);
            SetTagLocked(key, value);
        }
    }

    /// <summary>Under <see cref="_sync"/>: tags cannot change once the final <c>ml.run</c> span has them.</summary>
    private void ThrowIfEndedForTags(string key)
    {
        if (_status is not null)
        {
            throw new InvalidOperationException(
                $"Run {Id} has ended: set tags before ending it, or tag it afterwards with `otel-track runs tag {Id} {key}=VALUE`.");
        }
    }

    private void SetTagLocked(string key, string value)
    {
        _tags[key] = value;
        (_changedTags ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
    }

    /// <summary>Starts <c>ml.run</c> and emits <c>ml.run.start</c>; a failing pipeline must not fail the training code.</summary>
    private Activity? StartSpans(List<KeyValuePair<string, object?>> attributes, DateTimeOffset now, bool makeCurrent)
    {
        Activity? span = null;
        try
        {
            span = RunSpans.StartRun(attributes, now, makeCurrent);
            if (span is not null)
            {
                RunSpans.Emit(MlSemanticConventions.RunStartSpan, span.Context, attributes, now);
            }
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.StartFailed(Id, exception);
        }

        return span;
    }

    private List<KeyValuePair<string, object?>> StartAttributes(RunOptions options)
    {
        var attributes = new List<KeyValuePair<string, object?>>(4 + options.Params.Count + options.Tags.Count)
        {
            new(MlSemanticConventions.RunId, Id),
            new(MlSemanticConventions.ExperimentName, Experiment),
            new(MlSemanticConventions.RunName, Name),
        };
        if (ParentRunId is not null)
        {
            attributes.Add(new(MlSemanticConventions.RunParentId, ParentRunId));
        }

        if (options.Seed is { } seed)
        {
            attributes.Add(new(MlSemanticConventions.RunSeed, seed));
        }

        if (options.TotalSteps is { } totalSteps)
        {
            if (totalSteps > 0)
            {
                attributes.Add(new(MlSemanticConventions.RunTotalSteps, totalSteps));
            }
            else
            {
                TrackingEventSource.Log.AttributeSkipped(Id, "run", MlSemanticConventions.RunTotalSteps, "total steps must be positive");
            }
        }

        if (_resumed is not null)
        {
            attributes.Add(new(MlSemanticConventions.RunResumed, true));
            attributes.Add(new(MlSemanticConventions.RunFirstStartTime, UnixTime.ToNanoseconds(_resumed.StartTime)));
        }
        else if (Runs.ReproductionRequest.For(Experiment, Name) is { } original)
        {
            attributes.Add(new(MlSemanticConventions.RunReproduces, original));
        }

        foreach (var (key, raw) in options.Params)
        {
            var value = string.IsNullOrEmpty(key) ? null : ParamValues.Normalize(key, raw);
            if (value is null)
            {
                TrackingEventSource.Log.AttributeSkipped(Id, "param", key ?? string.Empty, "empty key or null value");
                continue;
            }

            _paramText[key] = ParamValues.ToText(value);
            attributes.Add(new(MlSemanticConventions.ParamPrefix + key, value));
        }

        foreach (var (key, value) in options.Tags)
        {
            // Skipped as params at the start are: a string value is what MLflow stores (SetTag refuses a null one).
            if (string.IsNullOrEmpty(key) || value is null)
            {
                TrackingEventSource.Log.AttributeSkipped(Id, "tag", key ?? string.Empty, "empty key or null value");
                continue;
            }

            _tags[key] = value;
            attributes.Add(new(MlSemanticConventions.TagPrefix + key, value ?? string.Empty));
        }

        return attributes;
    }
}
