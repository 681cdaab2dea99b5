using System.Buffers;
using System.Text;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Receivers.Http;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;

namespace Otel.Collector.Tests.Receivers;

public sealed class OtlpJsonReaderTests
{
    [Fact]
    public void Parse_Utf8Bom_IsSkipped()
    {
        var json = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"a"}]}]}]}""")).ToArray();

        var request = OtlpJsonReader.Parse<ExportTraceServiceRequest>(new ReadOnlySequence<byte>(json), OtlpJsonIds.RewriteTraces, 64);

        Assert.Equal("a", request.ResourceSpans[0].ScopeSpans[0].Spans[0].Name);
    }

    [Fact]
    public void Parse_LongIntegersAsNumbers_KeepEveryDigit()
    {
        var request = ParseMetrics("""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"sum":{"dataPoints":[{"asInt":-9007199254740993,"timeUnixNano":18446744073709551615}]}},
              {"histogram":{"dataPoints":[{"bucketCounts":[9007199254740993,1],"explicitBounds":[1e300],"sum":12345678901234567890}]}}]}]}]}
            """);

        var metrics = request.ResourceMetrics[0].ScopeMetrics[0].Metrics;
        Assert.Equal(-9_007_199_254_740_993L, metrics[0].Sum.DataPoints[0].AsInt);
        Assert.Equal(ulong.MaxValue, metrics[0].Sum.DataPoints[0].TimeUnixNano);
        Assert.Equal([9_007_199_254_740_993UL, 1UL], metrics[1].Histogram.DataPoints[0].BucketCounts);
        Assert.Equal(1e300, metrics[1].Histogram.DataPoints[0].ExplicitBounds[0]);
        Assert.Equal(12345678901234567890d, metrics[1].Histogram.DataPoints[0].Sum);
    }

    [Fact]
    public void Parse_EmptyIds_AreAbsentIds()
    {
        var span = ParseSpan("""{"traceId":"","spanId":"","parentSpanId":"","links":[{"traceId":"","spanId":""}]}""");

        Assert.True(span.TraceId.IsEmpty);
        Assert.True(span.ParentSpanId.IsEmpty);
        Assert.True(span.Links[0].SpanId.IsEmpty);
    }

    [Fact]
    public void Parse_NullId_IsAbsentId()
    {
        var span = ParseSpan("""{"traceId":null,"name":"n"}""");

        Assert.True(span.TraceId.IsEmpty);
        Assert.Equal("n", span.Name);
    }

    [Theory]
    [InlineData("\"SPAN_KIND_CONSUMER\"", ProtoSpan.Types.SpanKind.Consumer)]
    [InlineData("5", ProtoSpan.Types.SpanKind.Consumer)]
    [InlineData("\"SPAN_KIND_FROM_THE_FUTURE\"", ProtoSpan.Types.SpanKind.Unspecified)]
    [InlineData("9", (ProtoSpan.Types.SpanKind)9)]
    public void Parse_EnumAsNameOrNumber_IsDecodedAndUnknownValuesKept(string kind, ProtoSpan.Types.SpanKind expected)
    {
        Assert.Equal(expected, ParseSpan($$"""{"kind":{{kind}}}""").Kind);
    }

    [Fact]
    public void Parse_RepeatedPropertyName_ThrowsNamingTheProblem()
    {
        var ex = Assert.Throws<OtlpJsonException>(() => ParseSpan("""{"name":"a","name":"b"}"""));

        Assert.StartsWith("The request body is not valid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeperThanTheLimit_Throws()
    {
        var json = "{\"resourceSpans\":" + string.Concat(Enumerable.Repeat("[", 20)) + string.Concat(Enumerable.Repeat("]", 20)) + "}";

        var ex = Assert.Throws<OtlpJsonException>(() => OtlpJsonReader.Parse<ExportTraceServiceRequest>(Utf8(json), OtlpJsonIds.RewriteTraces, 16));

        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static ProtoSpan ParseSpan(string spanJson) =>
        OtlpJsonReader.Parse<ExportTraceServiceRequest>(
            Utf8($$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{{spanJson}}]}]}]}"""), OtlpJsonIds.RewriteTraces, 64)
        .ResourceSpans[0].ScopeSpans[0].Spans[0];

    private static ExportMetricsServiceRequest ParseMetrics(string json) =>
        OtlpJsonReader.Parse<ExportMetricsServiceRequest>(Utf8(json), OtlpJsonIds.RewriteMetrics, 64);

    private static ReadOnlySequence<byte> Utf8(string json) => new(Encoding.UTF8.GetBytes(json));
}
