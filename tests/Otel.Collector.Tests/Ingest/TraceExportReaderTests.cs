using System.Buffers;
using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;
using Otel.Collector.Tests.Fuzz;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>What <see cref="TraceExportReader"/> reads from the bytes, and what it leaves to Google.Protobuf and the object path.</summary>
public sealed class TraceExportReaderTests
{
    private static readonly MetricArrayBounds Bounds = new EdgeLimits().MetricArrays;

    [Fact]
    public void Read_PlainBatchedEvent_PointsInColumnsAndEmptyArraysInPlace()
    {
        var request = Traces(NewSpan("ml.run.metrics", Attr("ml.run.id", "r")).Also(s => s.Events.Add(MetricsEvent(3))));

        var export = TraceExportReader.Read(new ReadOnlySequence<byte>(request.ToByteArray()), OtlpParsers.Traces, Bounds);

        var e = AllSpans(export.Request).Single().Events.Single();
        Assert.Equal(["note", "ml.metric.keys", "ml.metric.values", "ml.metric.steps", "ml.metric.timestamps"], e.Attributes.Select(a => a.Key));
        Assert.All(e.Attributes.Skip(1), a => Assert.Empty(a.Value.ArrayValue.Values));
        Assert.True(export.TryGetArrayPoints(e, out var start, out var count));
        Assert.Equal((0, 3), (start, count));
        Assert.Equal(["loss", "acc", "loss"], export.ArrayPoints.Keys.ToArray());
        Assert.Equal([0.0, 1.0, 2.0], export.ArrayPoints.Values.ToArray());
        Assert.Equal([10L, 11L, 12L], export.ArrayPoints.Steps.ToArray());
        Assert.Equal([0UL, 1UL, 2UL], export.ArrayPoints.Timestamps.ToArray());
        Assert.Same(export.ArrayPoints.Keys[0], export.ArrayPoints.Keys[2]);
    }

    [Fact]
    public void Read_EventNamedAfterItsAttributes_IsReadFromTheBytes()
    {
        var e = MetricsEvent(2);
        e.Name = string.Empty;
        byte[] eventBytes = [.. e.ToByteArray(), .. Field(2, "ml.metrics"u8.ToArray())];
        var span = NewSpan("ml.run.metrics", Attr("ml.run.id", "r"));
        byte[] body = Field(1, Field(2, Field(2, [.. span.ToByteArray(), .. Field(11, eventBytes)])));

        var export = TraceExportReader.Read(new ReadOnlySequence<byte>(body), OtlpParsers.Traces, Bounds);

        Assert.Equal(2, export.ArrayPoints.Count);
        Assert.Equal("ml.metrics", AllSpans(export.Request).Single().Events.Single().Name);
    }

    [Fact]
    public void Read_ArrayOverTheEdgeLimit_IsLeftWholeForTheLimitsToReject()
    {
        var request = Traces(NewSpan("ml.run.metrics", Attr("ml.run.id", "r")).Also(s => s.Events.Add(MetricsEvent(3))));

        var export = TraceExportReader.Read(new ReadOnlySequence<byte>(request.ToByteArray()), OtlpParsers.Traces, Bounds with { MaxLength = 2 });

        Assert.Equal(0, export.ArrayPoints.Count);
        Assert.Equal(3, AllSpans(export.Request).Single().Events.Single().Attributes[1].Value.ArrayValue.Values.Count);
    }

    [Fact]
    public void Read_KeyOfInvalidUtf8_FailsWithTheParsersOwnReason()
    {
        var bytes = Traces(NewSpan("ml.run.metrics", Attr("ml.run.id", "r")).Also(s => s.Events.Add(MetricsEvent(3)))).ToByteArray();
        bytes[bytes.AsSpan().IndexOf("acc"u8)] = 0xFF;
        var expected = Assert.Throws<InvalidProtocolBufferException>(() => OtlpParsers.Traces.ParseFrom(bytes));

        var actual = Assert.Throws<InvalidProtocolBufferException>(() => TraceExportReader.Read(new ReadOnlySequence<byte>(bytes), OtlpParsers.Traces, Bounds));

        Assert.Equal(expected.Message, actual.Message);
    }

    private static Span.Types.Event MetricsEvent(int points) => new()
    {
        Name = "ml.metrics",
        Attributes =
        {
            Attr("note", "plain"),
            Attr("ml.metric.keys", ArrayOf([.. Enumerable.Range(0, points).Select(i => Str(i % 2 == 0 ? "loss" : "acc"))])),
            Attr("ml.metric.values", ArrayOf([.. Enumerable.Range(0, points).Select(i => i % 2 == 0 ? Int(i) : Dbl(i))])),
            Attr("ml.metric.steps", ArrayOf([.. Enumerable.Range(0, points).Select(i => Int(10 + i))])),
            Attr("ml.metric.timestamps", ArrayOf([.. Enumerable.Range(0, points).Select(i => Int(i))])),
        },
    };

    /// <summary>A length-delimited field: tag, length, content.</summary>
    private static byte[] Field(int number, byte[] content) => [.. Mutator.Varint((ulong)((number << 3) | 2)), .. Mutator.Varint((ulong)content.Length), .. content];
}
