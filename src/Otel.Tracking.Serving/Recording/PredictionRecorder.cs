using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Otel.Tracking.Serving;

/// <summary>
/// Records each prediction's inputs and outputs against the served version's training baseline (docs/serving.md):
/// numeric values into <c>ml.serving.feature</c> / <c>ml.serving.prediction</c> histograms on the baseline's bounds,
/// categories into <c>ml.serving.feature.category</c> / <c>ml.serving.prediction.category</c> counters (the category,
/// or <c>__other__</c>). Resolve names to slots once; recording then looks nothing up, allocates nothing beyond the
/// OpenTelemetry API, and never throws: bad values are counted on <c>ml.sdk.serving.values.dropped</c> and logged once.
/// </summary>
public sealed class PredictionRecorder : IDisposable
{
    private static readonly KeyValuePair<string, object?>[] DropTags =
        [.. Enum.GetValues<DropReason>().Select(reason => new KeyValuePair<string, object?>(ServingTelemetryNames.ErrorType, ServingTelemetryNames.ErrorTypeOf(reason)))];

    private readonly ILogger _logger;
    private readonly ServingDistribution[] _distributions;
    private readonly Dictionary<(string Kind, string Name), int> _slots = [];
    private readonly ConcurrentDictionary<(string Kind, string Name), bool> _reportedUnknown = new();
    private int _reportedUnknownSlot;
    private int _reportedMissingValues;
    private long _droppedValues;

    /// <summary>A recorder for <paramref name="model"/> that logs nowhere.</summary>
    public PredictionRecorder(ServedModel model)
        : this(model, null)
    {
    }

    /// <summary>A recorder for <paramref name="model"/>; its instruments exist from now on, on the meters <c>WithModelServing</c> adds.</summary>
    public PredictionRecorder(ServedModel model, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _logger = (ILogger?)loggerFactory?.CreateLogger<PredictionRecorder>() ?? NullLogger.Instance;
        var distributions = new List<ServingDistribution>();
        foreach (var baseline in model.Baseline?.Distributions ?? [])
        {
            if (_slots.ContainsKey((baseline.Kind, baseline.Name)))
            {
                ServingLog.UnusableDistribution(_logger, baseline.Kind, baseline.Name, "the baseline has it twice; the first is recorded");
                continue;
            }

            var counter = baseline.Kind == MlSemanticConventions.BaselineKinds.Feature ? ServingInstruments.FeatureCategories : ServingInstruments.PredictionCategories;
            if (ServingDistributions.Create(baseline, counter, _logger) is { } distribution)
            {
                _slots.Add((distribution.Kind, distribution.Name), distributions.Count);
                distributions.Add(distribution);
            }
        }

        _distributions = [.. distributions];
        if (model.Baseline is null)
        {
            ServingLog.NoBaseline(_logger, model.Name, model.Version);
        }

        ServingLog.Serving(_logger, model.Name, model.Version, model.RunId, model.Uri, _distributions.Length);
    }

    public ServedModel Model { get; }

    /// <summary>How many values were not recorded since the start (unknown names, NaN or infinities, wrong types, missing values).</summary>
    public long DroppedValues => Interlocked.Read(ref _droppedValues);

    /// <summary>The input feature <paramref name="name"/> of the baseline; an unknown name gives a slot that records nothing (logged once).</summary>
    public ServingSlot Feature(string name) => Slot(MlSemanticConventions.BaselineKinds.Feature, name);

    /// <summary>The model output <paramref name="name"/> of the baseline; an unknown name gives a slot that records nothing (logged once).</summary>
    public ServingSlot Prediction(string name) => Slot(MlSemanticConventions.BaselineKinds.Prediction, name);

    /// <summary>A number: into the histogram of a numeric distribution, or as its invariant text ("1") into a categorical one.</summary>
    public void Record(ServingSlot slot, double value)
    {
        if (Distribution(slot) is { } distribution)
        {
            Count(distribution, distribution.Record(value));
        }
    }

    /// <summary>A category: counted under itself when it is one of the baseline's top categories, else under <c>__other__</c>.</summary>
    public void Record(ServingSlot slot, string? category)
    {
        if (Distribution(slot) is { } distribution)
        {
            Count(distribution, distribution.Record(category));
        }
    }

    /// <inheritdoc cref="Record(ServingSlot, string?)"/>
    public void Record(ServingSlot slot, ReadOnlySpan<char> category)
    {
        if (Distribution(slot) is { } distribution)
        {
            Count(distribution, distribution.Record(category));
        }
    }

    /// <summary>One value per slot, in order: a prediction's numeric inputs (or outputs) in one call.</summary>
    public void Record(ReadOnlySpan<ServingSlot> slots, ReadOnlySpan<double> values)
    {
        var count = Math.Min(slots.Length, values.Length);
        for (var i = 0; i < count; i++)
        {
            Record(slots[i], values[i]);
        }

        if (slots.Length != values.Length)
        {
            var missing = Math.Abs(slots.Length - values.Length);
            Interlocked.Add(ref _droppedValues, missing);
            ServingInstruments.Dropped.Add(missing, DropTags[(int)DropReason.MissingValue]);
            if (Interlocked.Exchange(ref _reportedMissingValues, 1) == 0)
            {
                ServingLog.MissingValues(_logger, slots.Length, values.Length);
            }
        }
    }

    /// <summary>Ends the streams of the numeric distributions (their meters); the category and drop counters are process-wide.</summary>
    public void Dispose()
    {
        foreach (var distribution in _distributions)
        {
            (distribution as IDisposable)?.Dispose();
        }
    }

    private ServingDistribution? Distribution(ServingSlot slot)
    {
        if ((uint)slot.Index < (uint)_distributions.Length)
        {
            return _distributions[slot.Index];
        }

        Interlocked.Increment(ref _droppedValues);
        ServingInstruments.Dropped.Add(1, DropTags[(int)DropReason.UnknownName]);
        if (Interlocked.Exchange(ref _reportedUnknownSlot, 1) == 0)
        {
            ServingLog.UnknownSlot(_logger);
        }

        return null;
    }

    private void Count(ServingDistribution distribution, DropReason reason)
    {
        if (reason == DropReason.None)
        {
            return;
        }

        Interlocked.Increment(ref _droppedValues);
        ServingInstruments.Dropped.Add(1, DropTags[(int)reason]);
        if (distribution.FirstReport(reason))
        {
            ServingLog.Dropped(_logger, distribution.Kind, distribution.Name, ServingTelemetryNames.ErrorTypeOf(reason));
        }
    }

    private ServingSlot Slot(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_slots.TryGetValue((kind, name), out var index))
        {
            return new ServingSlot(index);
        }

        if (_reportedUnknown.TryAdd((kind, name), true))
        {
            ServingLog.UnknownName(_logger, Model.Name, Model.Version, kind, name, Known());
        }

        return default;
    }

    private string Known() => _distributions.Length == 0 ? "none" : string.Join(", ", _distributions.Select(d => d.Kind + " " + d.Name));
}
