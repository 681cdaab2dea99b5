using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Otel.Collector.Tests.Telemetry;

/// <summary>Adds up what the instruments of one <see cref="Meter"/> record, by instrument and tags, for unit tests.</summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);

    public InstrumentRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of every measurement of <paramref name="instrument"/> with exactly these tags.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        _sums.TryGetValue(Key(instrument, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))), out var sum) ? sum : 0;

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _sums.AddOrUpdate(Key(instrument.Name, tags.ToArray()), value, (_, sum) => sum + value);

    private static string Key(string instrument, IEnumerable<KeyValuePair<string, object?>> tags) =>
        instrument + "{" + string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + "}";
}
