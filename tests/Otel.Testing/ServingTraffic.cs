using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using static Otel.Testing.OtlpRequests;

namespace Otel.Testing;

/// <summary>What a serving process handled in one minute: requests answered 200 (of which some slow) and 500.</summary>
internal readonly record struct MinuteTraffic(int Ok, int Errors, int Slow = 0);

/// <summary>
/// Serving telemetry as OpenTelemetry's HTTP server instrumentation exports it: the <c>http.server.request.duration</c>
/// histogram (default bounds; one series per status code), exported every 60 s with either temporality, or server
/// spans. Fast requests land in the bucket (0.05, 0.075], slow ones in (0.5, 0.75].
/// </summary>
internal static class ServingTraffic
{
    public const int FastBucket = 4;
    public const int SlowBucket = 8;

    /// <summary>OpenTelemetry's default bounds of http.server.request.duration, as its SDKs export them.</summary>
    public static IReadOnlyList<double> Bounds { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>
    /// The histogram of <paramref name="minutes"/> (oldest first, the last one being the minute before <paramref name="end"/>),
    /// one export in the middle of each minute.
    /// </summary>
    public static ExportMetricsServiceRequest Histogram(KeyValue[] resource, IReadOnlyList<MinuteTraffic> minutes, DateTimeOffset end, AggregationTemporality temporality)
    {
        var histogram = new Histogram { AggregationTemporality = temporality };
        var first = end.AddMinutes(-minutes.Count);
        var ok = new ulong[Bounds.Count + 1];
        var errors = new ulong[Bounds.Count + 1];
        for (var i = 0; i < minutes.Count; i++)
        {
            var time = first.AddMinutes(i).AddSeconds(30);
            var traffic = minutes[i];
            if (temporality == AggregationTemporality.Delta)
            {
                Array.Clear(ok);
                Array.Clear(errors);
            }

            ok[FastBucket] += (ulong)(traffic.Ok - traffic.Slow);
            ok[SlowBucket] += (ulong)traffic.Slow;
            errors[FastBucket] += (ulong)traffic.Errors;
            var start = temporality == AggregationTemporality.Delta ? time.AddMinutes(-1) : first.AddSeconds(-30);
            histogram.DataPoints.Add(Point("200", start, time, ok));
            histogram.DataPoints.Add(Point("500", start, time, errors));
        }

        return new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = Resource(resource),
                    ScopeMetrics =
                    {
                        new ScopeMetrics
                        {
                            Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore.Hosting" },
                            Metrics = { new Metric { Name = "http.server.request.duration", Unit = "s", Histogram = histogram } },
                        },
                    },
                },
            },
        };
    }

    /// <summary>Server spans of <paramref name="minutes"/>: one per request, errors answered 500, lasting 40 ms (slow ones 600 ms).</summary>
    public static ExportTraceServiceRequest ServerSpans(KeyValue[] resource, IReadOnlyList<MinuteTraffic> minutes, DateTimeOffset end)
    {
        var spans = new ScopeSpans { Scope = new InstrumentationScope { Name = "legacy.http" } };
        var first = end.AddMinutes(-minutes.Count);
        for (var i = 0; i < minutes.Count; i++)
        {
            var minute = first.AddMinutes(i);
            var traffic = minutes[i];
            for (var r = 0; r < traffic.Ok + traffic.Errors; r++)
            {
                var status = r < traffic.Errors ? 500 : 200;
                var duration = r >= traffic.Errors && r < traffic.Errors + traffic.Slow ? 600 : 40;
                var start = (ulong)minute.AddSeconds(1 + r).ToUnixTimeMilliseconds() * 1_000_000UL;
                var span = new Span
                {
                    TraceId = NewTraceId(),
                    SpanId = NewSpanId(),
                    Name = "POST /score",
                    Kind = Span.Types.SpanKind.Server,
                    StartTimeUnixNano = start,
                    EndTimeUnixNano = start + ((ulong)duration * 1_000_000UL),
                    Status = new Status { Code = status >= 500 ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Unset },
                };
                span.Attributes.Add([Attr("http.route", "/score"), Attr("http.request.method", "POST"), Attr("http.response.status_code", status)]);
                spans.Spans.Add(span);
            }
        }

        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = Resource(resource), ScopeSpans = { spans } } } };
    }

    /// <summary>The resource of a model-serving process.</summary>
    public static KeyValue[] Serving(string service, string model, string version) =>
        [Attr("service.name", service), Attr("ml.model.name", model), Attr("ml.model.version", version), Attr("ml.run.id", model + "-run-" + version)];

    /// <summary><paramref name="count"/> minutes of the same traffic.</summary>
    public static IEnumerable<MinuteTraffic> Repeat(int count, MinuteTraffic traffic) => Enumerable.Repeat(traffic, count);

    public static async Task SendAsync(HttpClient api, IMessage request, string path)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        var ct = TestContext.Current.CancellationToken;
        using var response = await api.PostAsync(path, content, ct).WaitAsync(Eventually.DefaultTimeout, ct);
        Assert.True(response.IsSuccessStatusCode, $"export to {path} failed: {(int)response.StatusCode}");
    }

    private static HistogramDataPoint Point(string status, DateTimeOffset start, DateTimeOffset time, ulong[] buckets)
    {
        var point = new HistogramDataPoint
        {
            StartTimeUnixNano = (ulong)start.ToUnixTimeMilliseconds() * 1_000_000UL,
            TimeUnixNano = (ulong)time.ToUnixTimeMilliseconds() * 1_000_000UL,
            Count = (ulong)buckets.Sum(b => (long)b),
            Sum = 0.06 * buckets.Sum(b => (long)b),
        };
        point.ExplicitBounds.Add(Bounds);
        point.BucketCounts.Add(buckets);
        point.Attributes.Add([Attr("http.request.method", "POST"), Attr("http.route", "/score"), Attr("http.response.status_code", long.Parse(status, System.Globalization.CultureInfo.InvariantCulture))]);
        return point;
    }
}
