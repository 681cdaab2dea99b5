using System.Diagnostics.Metrics;
using Otel.Collector.Redaction;
using Otel.Collector.Security;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The collector's own metrics: the one owner of its <see cref="Meter"/> (<c>Otel.Collector</c>) and its instruments,
/// served at <c>/metrics</c> (<see cref="PrometheusExporter"/>). Created through the host's
/// <see cref="IMeterFactory"/>, so two collectors in one process count apart.
/// </summary>
internal sealed class CollectorMeter
{
    public const string MeterName = "Otel.Collector";

    /// <summary>Requests refused for a missing, unknown or insufficient API key; tags <c>reason</c>, <c>transport</c>.</summary>
    public const string RequestsDenied = "otel_track.requests.denied";

    /// <summary>Values replaced by secret redaction before storage; tag <c>rule</c>.</summary>
    public const string Redactions = "otel_track.redactions";

    private readonly Counter<long> _denied;

    public CollectorMeter(IMeterFactory factory, SecretRedactor redactor)
    {
        Meter = factory.Create(new MeterOptions(MeterName) { Version = typeof(CollectorMeter).Assembly.GetName().Version?.ToString() });
        _denied = Meter.CreateCounter<long>(RequestsDenied, "{request}", "Requests refused because their API key was missing, unknown or lacked the scope");
        var counters = redactor.Counters;
        Meter.CreateObservableCounter(
            Redactions,
            () => counters.Snapshot().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("rule", c.Key))),
            "{value}",
            "Secrets replaced by redaction before anything was stored, by rule");
    }

    public Meter Meter { get; }

    public void RequestDenied(DenialReason reason, string transport) =>
        _denied.Add(1, new KeyValuePair<string, object?>("reason", reason.Tag()), new KeyValuePair<string, object?>("transport", transport));
}
