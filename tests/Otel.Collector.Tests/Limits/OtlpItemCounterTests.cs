using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;
using Otel.Collector.Receivers.Http;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Limits;

/// <summary>The counts taken on encoded requests, before decoding, for protobuf and OTLP/JSON.</summary>
public sealed class OtlpItemCounterTests
{
    [Fact]
    public void Count_ProtobufAndJsonOfTheSameRequest_CountTheSameSpansAndAttributes()
    {
        var request = Request();

        var protobuf = OtlpProtobufItemCounter.Count(new ReadOnlySequence<byte>(request.ToByteArray()), OtlpSignal.Traces);
        var json = OtlpJsonItemCounter.Count(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(OtlpJsonWriter.Format(request))), 64);

        // 3 spans; attributes: 1 resource + 2 per span + 1 event attribute + 2 kvlist entries.
        Assert.Equal(3, protobuf.Spans);
        Assert.Equal(10, protobuf.Attributes);
        Assert.Equal(protobuf.Spans, json.Spans);
        Assert.Equal(protobuf.Attributes, json.Attributes);
        Assert.True(protobuf.Items > protobuf.Spans + protobuf.Attributes);
    }

    [Fact]
    public void Count_ProtobufAndJsonOfEveryPointKind_CountTheSameDataPoints()
    {
        var metrics = new OpenTelemetry.Proto.Metrics.V1.ScopeMetrics
        {
            Metrics =
            {
                new OpenTelemetry.Proto.Metrics.V1.Metric { Name = "g", Gauge = new() { DataPoints = { new OpenTelemetry.Proto.Metrics.V1.NumberDataPoint { AsDouble = 1 } } } },
                new OpenTelemetry.Proto.Metrics.V1.Metric { Name = "h", Histogram = new() { DataPoints = { new OpenTelemetry.Proto.Metrics.V1.HistogramDataPoint { Count = 1 }, new OpenTelemetry.Proto.Metrics.V1.HistogramDataPoint { Count = 2 } } } },
                new OpenTelemetry.Proto.Metrics.V1.Metric { Name = "e", ExponentialHistogram = new() { DataPoints = { new OpenTelemetry.Proto.Metrics.V1.ExponentialHistogramDataPoint { Count = 1 } } } },
                new OpenTelemetry.Proto.Metrics.V1.Metric { Name = "s", Summary = new() { DataPoints = { new OpenTelemetry.Proto.Metrics.V1.SummaryDataPoint { Count = 1 } } } },
            },
        };
        var request = new OpenTelemetry.Proto.Collector.Metrics.V1.ExportMetricsServiceRequest { ResourceMetrics = { new OpenTelemetry.Proto.Metrics.V1.ResourceMetrics { ScopeMetrics = { metrics } } } };

        var protobuf = OtlpProtobufItemCounter.Count(new ReadOnlySequence<byte>(request.ToByteArray()), OtlpSignal.Metrics);
        var json = OtlpJsonItemCounter.Count(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(OtlpJsonWriter.Format(request))), 64);

        Assert.Equal(5, protobuf.DataPoints);
        Assert.Equal(protobuf.DataPoints, json.DataPoints);
    }

    [Fact]
    public void Count_LengthReadPastTheEndOfItsMessage_StopsAndLeavesTheRefusalToTheDecoder()
    {
        // Resource spans of 1 byte: a schema_url tag (0x1A) whose length byte (0x7F) lies past the message's end. The
        // counter used to take that as a length of 2^64 - 1 remaining bytes and throw ArgumentOutOfRangeException (HTTP 500).
        byte[] body = [0x0A, 0x01, 0x1A, 0x7F];

        var counts = OtlpProtobufItemCounter.Count(new ReadOnlySequence<byte>(body), OtlpSignal.Traces);

        Assert.Null(counts.Refusal(new EdgeLimits(), OtlpSignal.Traces));
        Assert.Throws<InvalidProtocolBufferException>(() => TraceExportReader.Read(new ReadOnlySequence<byte>(body), OtlpParsers.Traces, new EdgeLimits().MetricArrays));
    }

    [Fact]
    public void Count_SpansBehindAnUnknownGroup_AreStillCounted()
    {
        // An unknown group field (number 7: start tag 0x3B, end tag 0x3C) holding a varint, then a resource with two empty spans.
        byte[] body = [0x3B, 0x08, 0x01, 0x3C, 0x0A, 0x06, 0x12, 0x04, 0x12, 0x00, 0x12, 0x00];

        Assert.Equal(2, OtlpProtobufItemCounter.Count(new ReadOnlySequence<byte>(body), OtlpSignal.Traces).Spans);
        Assert.Equal(2, ExportTraceServiceRequest.Parser.ParseFrom(body).ResourceSpans[0].ScopeSpans[0].Spans.Count);
    }

    [Fact]
    public void Refusal_OverTheSpanLimit_NamesTheLimit()
    {
        var counts = new RequestItemCounts { Spans = 101, Items = 103 };

        Assert.Equal(
            "The request carries 101 spans, over the collector's limit MaxSpansPerRequest = 100: export fewer spans per request (a smaller batch size). See docs/limits.md.",
            counts.Refusal(new EdgeLimits { MaxSpansPerRequest = 100 }, OtlpSignal.Traces));
        Assert.Null(counts.Refusal(new EdgeLimits(), OtlpSignal.Traces));
        Assert.Contains("MaxDecodedItemsPerRequest = 102", counts.Refusal(new EdgeLimits { MaxDecodedItemsPerRequest = 102 }, OtlpSignal.Traces), StringComparison.Ordinal);
    }

    /// <summary>The counter's table of which field holds which message matches the generated descriptors, field by field.</summary>
    [Fact]
    public void Schema_MatchesTheProtoDescriptors()
    {
        var messages = new Dictionary<OtlpMessage, MessageDescriptor>
        {
            [OtlpMessage.TraceRequest] = ExportTraceServiceRequest.Descriptor,
            [OtlpMessage.MetricsRequest] = OpenTelemetry.Proto.Collector.Metrics.V1.ExportMetricsServiceRequest.Descriptor,
            [OtlpMessage.LogsRequest] = OpenTelemetry.Proto.Collector.Logs.V1.ExportLogsServiceRequest.Descriptor,
        };
        var pending = new Queue<OtlpMessage>(messages.Keys);
        while (pending.TryDequeue(out var message))
        {
            foreach (var field in messages[message].Fields.InFieldNumberOrder())
            {
                var child = OtlpSchema.Child(message, field.FieldNumber);
                if (field.FieldType == FieldType.Message)
                {
                    Assert.True(child != OtlpMessage.None, $"{messages[message].Name}.{field.Name} holds a message the counter does not follow");
                    if (messages.TryAdd(child, field.MessageType))
                    {
                        pending.Enqueue(child);
                    }

                    Assert.Equal(field.MessageType.FullName, messages[child].FullName);
                }
                else
                {
                    var expected = field.IsRepeated && field.FieldType == FieldType.String ? OtlpMessage.RepeatedString : OtlpMessage.None;
                    Assert.True(expected == child, $"{messages[message].Name}.{field.Name}: the counter says {child}");
                }
            }
        }

        Assert.True(messages.Count > 25, $"only {messages.Count} messages reached");
    }

    private static ExportTraceServiceRequest Request()
    {
        var request = OtlpTestRequests.Traces();
        var scope = request.ResourceSpans[0].ScopeSpans[0];
        scope.Spans.Clear();
        for (var i = 0; i < 3; i++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = OtlpTestRequests.TraceId,
                SpanId = OtlpTestRequests.SpanId,
                Name = "s",
                Attributes = { new KeyValue { Key = "a", Value = new AnyValue { IntValue = i } }, new KeyValue { Key = "b", Value = new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "x" } } } } } },
            });
        }

        scope.Spans[0].Events.Add(new Span.Types.Event { Name = "e", Attributes = { new KeyValue { Key = "kv", Value = new AnyValue { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "x" }, new KeyValue { Key = "y" } } } } } } });
        return request;
    }
}
