using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The counters of <see cref="CollectorMeter"/> in the Prometheus text format (0.0.4), as a scrape of
/// <c>GET /metrics</c> reads them: names with '.' turned into '_' and the <c>_total</c> suffix, as the
/// OpenTelemetry-to-Prometheus conventions do. Listens from construction on, so it must exist before requests
/// are served (the endpoint mapping creates it).
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(CollectorMeter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter.Meter) && instrument is Counter<long> or ObservableCounter<long>)
            {
                _series.TryAdd(instrument, new Series());
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string Scrape()
    {
        var text = new StringBuilder();
        lock (_scrape)
        {
            // Observable counters report their cumulative values now.
            _listener.RecordObservableInstruments();
            foreach (var (instrument, series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
            {
                var name = instrument.Name.Replace('.', '_') + "_total";
                text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(instrument.Description ?? instrument.Name)).Append('\n');
                text.Append("# TYPE ").Append(name).Append(" counter\n");
                foreach (var (labels, value) in series.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    text.Append(name).Append(labels).Append(' ').Append(Interlocked.Read(ref value.Value).ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!_series.TryGetValue(instrument, out var series))
        {
            return;
        }

        var value = series.Values.GetOrAdd(Labels(tags), static _ => new StrongBox<long>());
        if (instrument.IsObservable)
        {
            // An observable counter reports its running total, not an increment.
            Interlocked.Exchange(ref value.Value, measurement);
        }
        else
        {
            Interlocked.Add(ref value.Value, measurement);
        }
    }

    /// <summary><c>{a="x",b="y"}</c> with the labels sorted by name; empty without tags.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        for (var i = 0; i < sorted.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(sorted[i].Key.Replace('.', '_')).Append("=\"")
                .Append(EscapeLabel(Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
        }

        return text.Append('}').ToString();
    }

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series
    {
        public ConcurrentDictionary<string, StrongBox<long>> Values { get; } = new(StringComparer.Ordinal);
    }
}
