using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;
using Otel.Tracking;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Limits;

public sealed class EdgeLimitCheckerTests
{
    public static TheoryData<string> SpanCases =>
    [
        "attribute-count", "key-bytes", "value-bytes-string", "value-bytes-bytes", "value-bytes-array-element",
        "value-bytes-kvlist", "kvlist-key-bytes", "array-length", "kvlist-length", "depth", "events",
        "event-attribute", "links", "link-attribute", "params",
    ];

    [Theory]
    [MemberData(nameof(SpanCases))]
    public void SpanOverALimit_IsTakenOutNamingLimitAndValue_SpanAtTheLimitIsKept(string limitCase)
    {
        var (limits, atLimit, overLimit, expected) = Case(limitCase);
        var request = Traces(atLimit, overLimit);

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Null(verdict.Refusal);
        Assert.Equal(1, verdict.Rejected);
        Assert.Same(atLimit, Assert.Single(AllSpans(request)));
        var message = verdict.Message!;
        Assert.StartsWith("1 span(s) rejected by the collector's limits (see docs/limits.md): ", message, StringComparison.Ordinal);
        Assert.Contains($"span 'over' {Convert.ToHexStringLower(overLimit.SpanId.Span)}: ", message, StringComparison.Ordinal);
        foreach (var fragment in expected)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Defaults_AcceptTheLargestThingsTheSdkSends()
    {
        // A run span with 1,000 params, an ml.metrics event of 10,000 points (the SDK's
        // MaxPointsPerEvent), a 1 MiB value (a wide dataset schema) and 128 events (the SDK's cap).
        var run = NewSpan("ml.run", [Attr("ml.run.id", "r1"), Attr("ml.experiment.name", "e"), .. Enumerable.Range(0, 1000).Select(i => Attr($"ml.param.p{i}", "v"))]);
        run.Attributes.Add(Attr("ml.dataset.schema", new string('s', EdgeLimits.DefaultMaxAttributeValueBytes)));
        var points = new MlTrackingOptions().MaxPointsPerEvent;
        run.Events.Add(new Span.Types.Event
        {
            Name = MlSemanticConventions.MetricsEvent,
            Attributes =
            {
                Attr(MlSemanticConventions.MetricKeys, ArrayOf([.. Enumerable.Range(0, points).Select(i => Str($"metric.{i % 7}"))])),
                Attr(MlSemanticConventions.MetricValues, ArrayOf(points)),
                Attr(MlSemanticConventions.MetricSteps, ArrayOf(points)),
                Attr(MlSemanticConventions.MetricTimestamps, ArrayOf(points)),
            },
        });
        run.Events.Add(Enumerable.Range(0, 127).Select(i => new Span.Types.Event { Name = "ml.artifact", Attributes = { Attr("ml.artifact.path", $"a{i}") } }));
        var request = Traces(run);
        var before = request.Clone();

        var verdict = new EdgeLimitChecker(new EdgeLimits()).Enforce(request);

        Assert.Equal(0, verdict.Rejected);
        Assert.Null(verdict.Message);
        Assert.Equal(before, request);
    }

    [Fact]
    public void DefaultArrayLimit_IsAboveTheSdksLargestDefaultEvent() =>
        Assert.True(new EdgeLimits().MaxArrayLength >= 10 * new MlTrackingOptions().MaxPointsPerEvent);

    [Fact]
    public void ResourceOverALimit_RejectsEverySpanUnderIt_CountingEach()
    {
        var limits = new EdgeLimits { MaxAttributeValueBytes = 8 };
        var request = Traces([Attr("host.name", new string('h', 9))], NewSpan("a"), NewSpan("b"), NewSpan("c"));

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Equal(3, verdict.Rejected);
        Assert.Empty(AllSpans(request));
        Assert.Contains("all 3 span(s) of resourceSpans[0].scopeSpans[0]: attribute 'host.name' of the resource has a value of 9 bytes, over the collector's limit MaxAttributeValueBytes = 8", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeOverALimit_RejectsItsSpansOnly()
    {
        var limits = new EdgeLimits { MaxAttributeCount = 1 };
        var request = Traces(NewSpan("kept"));
        request.ResourceSpans[0].ScopeSpans.Add(new ScopeSpans
        {
            Scope = new InstrumentationScope { Name = "noisy", Attributes = { Attr("a", "1"), Attr("b", "2") } },
            Spans = { NewSpan("dropped") },
        });

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Equal(1, verdict.Rejected);
        Assert.Equal("kept", Assert.Single(AllSpans(request)).Name);
        Assert.Contains("the instrumentation scope has 2 attributes, over the collector's limit MaxAttributeCount = 1", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyRejectedSpans_MessageStaysShort_AndCountsAll()
    {
        var limits = new EdgeLimits { MaxAttributeKeyBytes = 4 };
        var hugeName = new string('n', 100_000);
        var request = Traces([.. Enumerable.Range(0, 50).Select(_ => NewSpan(hugeName, Attr(new string('k', 100_000), "v")))]);

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Equal(50, verdict.Rejected);
        Assert.EndsWith("; …", verdict.Message, StringComparison.Ordinal);
        Assert.True(verdict.Message!.Length < 2_000, $"message of {verdict.Message.Length} characters");
        Assert.Contains("is 100000 bytes", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedText_NeverEndsInHalfASurrogatePair()
    {
        var limits = new EdgeLimits { MaxAttributeKeyBytes = 4 };
        var key = new string('k', 63) + "\U0001F600" + "tail";
        var request = Traces(NewSpan("s", Attr(key, "v")));

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Contains(new string('k', 63) + "…", verdict.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\uD83D', verdict.Message!);
    }

    [Fact]
    public void MetricPoints_OverALimit_AreRejectedOneByOne()
    {
        var limits = new EdgeLimits { MaxAttributeValueBytes = 8, MaxArrayLength = 3 };
        var request = GaugeRequest("train.loss", Point(1, Attr("ml.run.id", "r1")), Point(2, Attr("ml.run.id", "much-too-long")), Point(3));
        var histogram = new Metric { Name = "latency", Histogram = new Histogram() };
        histogram.Histogram.DataPoints.Add(new HistogramDataPoint { ExplicitBounds = { 1, 2 }, BucketCounts = { 1, 2, 3 } });
        histogram.Histogram.DataPoints.Add(new HistogramDataPoint { ExplicitBounds = { 1, 2, 3 }, BucketCounts = { 1, 2, 3, 4 } });
        var summary = new Metric { Name = "quantiles", Summary = new Summary() };
        summary.Summary.DataPoints.Add(new SummaryDataPoint { QuantileValues = { Enumerable.Range(0, 4).Select(i => new SummaryDataPoint.Types.ValueAtQuantile { Quantile = i / 4.0 }) } });
        var withExemplar = new Metric { Name = "requests", Sum = new Sum() };
        withExemplar.Sum.DataPoints.Add(new NumberDataPoint { AsInt = 1, Exemplars = { new Exemplar { FilteredAttributes = { Attr("user", "someone-long") } } } });
        var exponential = new Metric { Name = "exp", ExponentialHistogram = new ExponentialHistogram() };
        exponential.ExponentialHistogram.DataPoints.Add(new ExponentialHistogramDataPoint { Positive = new() { BucketCounts = { 1, 2, 3, 4 } } });
        request.ResourceMetrics[0].ScopeMetrics[0].Metrics.Add([histogram, summary, withExemplar, exponential]);

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Equal(5, verdict.Rejected);
        Assert.Equal([1.0, 3.0], request.ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Gauge.DataPoints.Select(p => p.AsDouble));
        Assert.Equal(2, Assert.Single(histogram.Histogram.DataPoints).ExplicitBounds.Count);
        Assert.Empty(summary.Summary.DataPoints);
        Assert.Empty(withExemplar.Sum.DataPoints);
        Assert.Empty(exponential.ExponentialHistogram.DataPoints);
        Assert.StartsWith("5 data point(s) rejected by the collector's limits", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("metric 'train.loss' dataPoints[1]: attribute 'ml.run.id' of the data point has a value of 13 bytes, over the collector's limit MaxAttributeValueBytes = 8", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("metric 'latency' dataPoints[1]: bucket_counts has 4 entries, over the collector's limit MaxArrayLength = 3", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("quantile_values has 4 entries", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("attribute 'user' of exemplar 0", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("positive.bucket_counts has 4 entries", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricMetadataOverALimit_RejectsEveryPointOfThatMetric()
    {
        var request = GaugeRequest("m", Point(1), Point(2));
        request.ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Metadata.Add(Attr("note", new string('x', 20)));

        var verdict = new EdgeLimitChecker(new EdgeLimits { MaxAttributeValueBytes = 8 }).Enforce(request);

        Assert.Equal(2, verdict.Rejected);
        Assert.Contains("all 2 data point(s) of metric 'm': attribute 'note' of the metric's metadata", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsRequestOverThePointLimit_IsRefusedWholeAndLeftAlone()
    {
        var request = GaugeRequest("m", [.. Enumerable.Range(0, 11).Select(i => Point(i))]);
        request.ResourceMetrics[0].ScopeMetrics[0].Metrics.Add(new Metric { Name = "h", Histogram = new Histogram { DataPoints = { new HistogramDataPoint() } } });
        var before = request.Clone();

        var verdict = new EdgeLimitChecker(new EdgeLimits { MaxDataPointsPerRequest = 11 }).Enforce(request);

        Assert.Equal(
            "The request carries 12 metric data points, over the collector's limit MaxDataPointsPerRequest = 11: export fewer points per request (fewer attribute sets per instrument, or more frequent exports). See docs/limits.md.",
            verdict.Refusal);
        Assert.Equal(0, verdict.Rejected);
        Assert.Equal(before, request);
    }

    [Fact]
    public void MetricsRequestAtThePointLimit_IsAccepted()
    {
        var request = GaugeRequest("m", [.. Enumerable.Range(0, 11).Select(i => Point(i))]);

        var verdict = new EdgeLimitChecker(new EdgeLimits { MaxDataPointsPerRequest = 11 }).Enforce(request);

        Assert.Null(verdict.Refusal);
        Assert.Equal(0, verdict.Rejected);
    }

    [Fact]
    public void LogRecords_OverALimit_AreRejected_BodyIncluded()
    {
        var limits = new EdgeLimits { MaxAttributeValueBytes = 8, MaxValueDepth = 2 };
        var request = Logs(
            Log(Str("fine")),
            Log(Str("a body that is far too long")),
            Log(Str("ok"), Attr("k", new string('v', 9))),
            Log(Nested(3)),
            Log(Nested(2)));

        var verdict = new EdgeLimitChecker(limits).Enforce(request);

        Assert.Equal(3, verdict.Rejected);
        Assert.Equal(2, request.ResourceLogs[0].ScopeLogs[0].LogRecords.Count);
        Assert.Contains("resourceLogs[0].scopeLogs[0].logRecords[1]: the log body has a value of 27 bytes, over the collector's limit MaxAttributeValueBytes = 8", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("logRecords[2]: attribute 'k' of the log record has a value of 9 bytes", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("logRecords[3]: the log body nests arrays or key-value lists more than 2 levels deep, over the collector's limit MaxValueDepth = 2: flatten the value", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_AddsEdgeRejectionsToIngestsPartialSuccess()
    {
        var verdict = new EdgeLimitChecker(new EdgeLimits { MaxEventsPerSpan = 1 }).Enforce(Traces(NewSpan("busy", []), SpanWithEvents(2)));

        var merged = verdict.Merge(IngestResult.Partial(2, "2 item(s) rejected: no ml.run.id"));
        var alone = verdict.Merge(IngestResult.Ok);

        Assert.Equal(3, merged.Rejected);
        Assert.Equal(IngestOutcome.Accepted, merged.Outcome);
        Assert.StartsWith(verdict.Message + ". 2 item(s) rejected: no ml.run.id", merged.Message, StringComparison.Ordinal);
        Assert.Equal(1, alone.Rejected);
        Assert.Equal(verdict.Message, alone.Message);
    }

    [Fact]
    public void Merge_RefusedIngest_IsSentAsItIs()
    {
        var verdict = new EdgeLimitChecker(new EdgeLimits { MaxEventsPerSpan = 1 }).Enforce(Traces(SpanWithEvents(2)));
        var throttled = IngestResult.Throttle(TimeSpan.FromSeconds(3), "spool full");

        Assert.Equal(throttled, verdict.Merge(throttled));
    }

    private static Span SpanWithEvents(int count)
    {
        var span = NewSpan("over");
        span.Events.Add(Enumerable.Range(0, count).Select(i => new Span.Types.Event { Name = "e" }));
        return span;
    }

    private static (EdgeLimits Limits, Span AtLimit, Span OverLimit, string[] Expected) Case(string limitCase)
    {
        const string OverName = "over";
        var tooLong = new string('é', 8) + "x"; // 17 bytes in 9 characters: the limit counts bytes
        var atLength = new string('é', 8); // 16 bytes
        return limitCase switch
        {
            "attribute-count" => (new EdgeLimits { MaxAttributeCount = 4 },
                NewSpan("at", Attrs(4)), NewSpan(OverName, Attrs(5)),
                ["the span has 5 attributes, over the collector's limit MaxAttributeCount = 4: send fewer attributes"]),
            "key-bytes" => (new EdgeLimits { MaxAttributeKeyBytes = 8 },
                NewSpan("at", Attr(new string('é', 4), "v")), NewSpan(OverName, Attr(new string('é', 4) + "x", "v")),
                ["an attribute key of the span ('ééééx') is 9 bytes, over the collector's limit MaxAttributeKeyBytes = 8: use a shorter key"]),
            "value-bytes-string" => (new EdgeLimits { MaxAttributeValueBytes = 16 },
                NewSpan("at", Attr("k", atLength)), NewSpan(OverName, Attr("k", tooLong)),
                ["attribute 'k' of the span has a value of 17 bytes, over the collector's limit MaxAttributeValueBytes = 16: shorten it, or log large content as an artifact"]),
            "value-bytes-bytes" => (new EdgeLimits { MaxAttributeValueBytes = 16 },
                NewSpan("at", Attr("k", new AnyValue { BytesValue = ByteString.CopyFrom(new byte[16]) })),
                NewSpan(OverName, Attr("k", new AnyValue { BytesValue = ByteString.CopyFrom(new byte[17]) })),
                ["attribute 'k' of the span has a value of 17 bytes", "MaxAttributeValueBytes = 16"]),
            "value-bytes-array-element" => (new EdgeLimits { MaxAttributeValueBytes = 16 },
                NewSpan("at", Attr("k", ArrayOf(Str("a"), Str(atLength)))), NewSpan(OverName, Attr("k", ArrayOf(Str("a"), Str(tooLong)))),
                ["attribute 'k' of the span has a value of 17 bytes", "MaxAttributeValueBytes = 16"]),
            "value-bytes-kvlist" => (new EdgeLimits { MaxAttributeValueBytes = 16 },
                NewSpan("at", Attr("k", KvListOf(Attr("inner", atLength)))), NewSpan(OverName, Attr("k", KvListOf(Attr("inner", tooLong)))),
                ["attribute 'k' of the span has a value of 17 bytes", "MaxAttributeValueBytes = 16"]),
            "kvlist-key-bytes" => (new EdgeLimits { MaxAttributeKeyBytes = 8 },
                NewSpan("at", Attr("k", KvListOf(Attr("12345678", "v")))), NewSpan(OverName, Attr("k", KvListOf(Attr("123456789", "v")))),
                ["a key inside attribute 'k' of the span ('123456789') is 9 bytes, over the collector's limit MaxAttributeKeyBytes = 8"]),
            "array-length" => (new EdgeLimits { MaxArrayLength = 3 },
                NewSpan("at", Attr("k", ArrayOf(3))), NewSpan(OverName, Attr("k", ArrayOf(4))),
                ["attribute 'k' of the span is an array of 4 elements, over the collector's limit MaxArrayLength = 3: split it"]),
            "kvlist-length" => (new EdgeLimits { MaxArrayLength = 3 },
                NewSpan("at", Attr("k", KvListOf([.. Attrs(3)]))), NewSpan(OverName, Attr("k", KvListOf([.. Attrs(4)]))),
                ["attribute 'k' of the span is a key-value list of 4 entries, over the collector's limit MaxArrayLength = 3"]),
            "depth" => (new EdgeLimits { MaxValueDepth = 3 },
                NewSpan("at", Attr("k", Nested(3))), NewSpan(OverName, Attr("k", Nested(4))),
                ["attribute 'k' of the span nests arrays or key-value lists more than 3 levels deep, over the collector's limit MaxValueDepth = 3: flatten the value"]),
            "events" => (new EdgeLimits { MaxEventsPerSpan = 2 },
                WithEvents(NewSpan("at"), 2), WithEvents(NewSpan(OverName), 3),
                ["the span has 3 events, over the collector's limit MaxEventsPerSpan = 2: spread the events over several spans"]),
            "event-attribute" => (new EdgeLimits { MaxAttributeValueBytes = 16 },
                WithEvents(NewSpan("at"), 1, Attr("k", atLength)), WithEvents(NewSpan(OverName), 1, Attr("k", tooLong)),
                ["attribute 'k' of event 0 'e' has a value of 17 bytes, over the collector's limit MaxAttributeValueBytes = 16"]),
            "links" => (new EdgeLimits { MaxLinksPerSpan = 2 },
                WithLinks(NewSpan("at"), 2), WithLinks(NewSpan(OverName), 3),
                ["the span has 3 links, over the collector's limit MaxLinksPerSpan = 2: link fewer spans"]),
            "link-attribute" => (new EdgeLimits { MaxAttributeCount = 2 },
                WithLinks(NewSpan("at"), 1, Attrs(2)), WithLinks(NewSpan(OverName), 1, Attrs(3)),
                ["link 0 has 3 attributes, over the collector's limit MaxAttributeCount = 2"]),
            "params" => (new EdgeLimits { MaxParamsPerRun = 3 },
                NewSpan("at", [Attr("ml.run.id", "r"), Attr("ml.param.", "not a param"), .. Params(3)]),
                NewSpan(OverName, [Attr("ml.run.id", "r"), .. Params(4)]),
                ["the span carries 4 run params (ml.param.*), over the collector's limit MaxParamsPerRun = 3: log fewer params"]),
            _ => throw new ArgumentOutOfRangeException(nameof(limitCase), limitCase, null),
        };
    }

    private static KeyValue[] Attrs(int count) => [.. Enumerable.Range(0, count).Select(i => Attr($"a{i}", "v"))];

    private static KeyValue[] Params(int count) => [.. Enumerable.Range(0, count).Select(i => Attr($"ml.param.p{i}", "v"))];

    private static Span WithEvents(Span span, int count, params KeyValue[] attributes)
    {
        span.Events.Add(Enumerable.Range(0, count).Select(_ => new Span.Types.Event { Name = "e", Attributes = { attributes } }));
        return span;
    }

    private static Span WithLinks(Span span, int count, params KeyValue[] attributes)
    {
        span.Links.Add(Enumerable.Range(0, count).Select(_ => new Span.Types.Link
        {
            TraceId = ByteString.CopyFrom(new byte[16]),
            SpanId = ByteString.CopyFrom(new byte[8]),
            Attributes = { attributes },
        }));
        return span;
    }
}
