using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;

using static Otel.Testing.OtlpRequests;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// A troubled collector's own metrics over the last 30 minutes, for <see cref="Scenario.Failing"/>: the names,
/// kinds, units and attributes of docs/self-monitoring.md, sent over OTLP as a second collector instance (the
/// scenario's real collector is healthy and cannot be made to fail honestly in a fixture). One point a minute:
/// the spool grows and ages, requests are refused (throttled) and denied (missing key, a burst in the last 10
/// minutes), inserts fail, batches are dead-lettered and the drift job fails. Sums are cumulative, as the
/// collector's own reader exports them.
/// </summary>
internal static class CollectorTrouble
{
    public const int Minutes = 30;

    public const string Instance = "grafana-troubled-collector";

    public static ExportMetricsServiceRequest Request(string service, DateTimeOffset now)
    {
        var start = now.AddMinutes(-Minutes);
        var metrics = new List<Metric>
        {
            Gauge("otel_track.spool.pending.size", "By", start, m => 1_000_000.0 * m),
            Gauge("otel_track.spool.pending.records", "{record}", start, m => 40.0 * m),
            Gauge("otel_track.spool.oldest_pending.age", "s", start, m => 60.0 * m),
            Counter("otel_track.ingest.requests.refused", "{request}", start, m => 10 * m, Attr("signal", "traces"), Attr("transport", "http"), Attr("reason", "throttled")),
            Counter("otel_track.ingest.requests.accepted", "{request}", start, m => 100 * m, Attr("signal", "traces"), Attr("transport", "http")),
            Counter("otel_track.requests.denied", "{request}", start, m => m <= 20 ? m : 20 + (50 * (m - 20)), Attr("reason", "missing"), Attr("transport", "http")),
            Counter("otel_track.shipper.retries", "{retry}", start, m => 3 * m),
            Counter("otel_track.shipper.dead_lettered", "{batch}", start, m => m / 5),
            Counter("otel_track.job.failures", "{run}", start, m => m, Attr("job", "drift")),
            Counter("otel_track.job.runs", "{run}", start, m => m, Attr("job", "drift")),
            FailedInserts(start),
        };
        return new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new Resource { Attributes = { Attr("service.name", service), Attr("service.instance.id", Instance) } },
                    ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "Otel.Collector" }, Metrics = { metrics } } },
                },
            },
        };
    }

    /// <summary>Points a minute for every series above (ten gauges and sums, one histogram).</summary>
    public const int SeriesCount = 11;

    private static Metric Gauge(string name, string unit, DateTimeOffset start, Func<int, double> value)
    {
        var gauge = new Gauge();
        gauge.DataPoints.Add(EachMinute().Select(m => new NumberDataPoint { TimeUnixNano = Nanos(start.AddMinutes(m)), AsDouble = value(m) }));
        return new Metric { Name = name, Unit = unit, Gauge = gauge };
    }

    private static Metric Counter(string name, string unit, DateTimeOffset start, Func<int, long> value, params KeyValue[] attributes)
    {
        var sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true };
        sum.DataPoints.Add(EachMinute().Select(m => new NumberDataPoint
        {
            StartTimeUnixNano = Nanos(start),
            TimeUnixNano = Nanos(start.AddMinutes(m)),
            AsInt = value(m),
            Attributes = { attributes },
        }));
        return new Metric { Name = name, Unit = unit, Sum = sum };
    }

    private static Metric FailedInserts(DateTimeOffset start)
    {
        double[] bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        foreach (var m in EachMinute())
        {
            var point = new HistogramDataPoint
            {
                StartTimeUnixNano = Nanos(start),
                TimeUnixNano = Nanos(start.AddMinutes(m)),
                Count = (ulong)(2 * m),
                Sum = 10.0 * m,
                Attributes = { Attr("table", "otel_traces"), Attr("outcome", "failed") },
            };
            point.ExplicitBounds.Add(bounds);
            point.BucketCounts.Add(bounds.Select((_, i) => i == 13 ? (ulong)(2 * m) : 0UL).Append(0UL));
            histogram.DataPoints.Add(point);
        }

        return new Metric { Name = "otel_track.storage.insert.duration", Unit = "s", Histogram = histogram };
    }

    private static IEnumerable<int> EachMinute() => Enumerable.Range(1, Minutes);

    private static ulong Nanos(DateTimeOffset time) => (ulong)time.ToUnixTimeMilliseconds() * 1_000_000UL;
}
