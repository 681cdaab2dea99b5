using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Model;
using Otel.Collector.Processors;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Model;

/// <summary>Decoding a trace export into the model, and the processor chain over it.</summary>
public sealed class TraceDecodingTests
{
    [Fact]
    public void Decode_BatchedMetricsOfSeveralSpans_FillsOneSegmentPerSpanInOrder()
    {
        var first = MetricsSpan("run-a", ["loss", "acc"], [0.5, 0.9]);
        var second = MetricsSpan("run-b", ["loss"], [0.25]);

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(first, second)), 1);

        Assert.Equal(["loss", "acc", "loss"], batch.MetricHistory.Keys.ToArray());
        Assert.Equal([0.5, 0.9, 0.25], batch.MetricHistory.Values.ToArray());
        Assert.Equal(
            [new MetricSegment("run-a", "e", MetricSource.Event, 0, 2), new MetricSegment("run-b", "e", MetricSource.Event, 2, 1)],
            batch.MetricHistory.Segments);
    }

    [Fact]
    public void Decode_SpanRejectedAfterItsPointsWereRead_DropsItsPointsAndAssets()
    {
        var good = MetricsSpan("run-a", ["loss"], [0.5]);
        var bad = MetricsSpan("run-b", ["loss", "acc"], [0.25, 0.75]);
        bad.Events.Add(new Span.Types.Event { Name = "ml.dataset", Attributes = { Attr("ml.dataset.name", "d") } });
        bad.Events.Add(new Span.Types.Event { Name = "ml.artifact", Attributes = { Attr("ml.artifact.path", "m.onnx") } });

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(good, bad)), 1);

        Assert.Equal(1, batch.Tally.Rejected);
        Assert.Contains("ml.artifact.sha256 must be 64 hex digits", batch.Tally.Message, StringComparison.Ordinal);
        Assert.Equal(["loss"], batch.MetricHistory.Keys.ToArray());
        Assert.Single(batch.MetricHistory.Segments);
        Assert.Empty(batch.Datasets);
        Assert.Single(batch.Spans);
    }

    [Fact]
    public void Processors_InOrder_RedactBeforeProvenanceAndCollectChangedRuns()
    {
        var start = NewSpan("ml.run.start", Attr("ml.run.id", "run-a"), Attr("ml.param.api_key", "hunter2-secret"));
        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces([Attr("git.repository_url", "https://user:pw@example.com/repo.git")], start)), 1);

        IngestProcessors.Default.Run(batch);

        var run = Assert.IsType<RunStarted>(Assert.Single(batch.Runs));
        var url = run.Provenance.Single(kv => kv.Key == "vcs.repository.url.full").Value;
        Assert.DoesNotContain("pw", url, StringComparison.Ordinal);
        Assert.NotEqual("hunter2-secret", Assert.Single(batch.Params).Value);
        Assert.Equal(["run-a"], batch.ChangedRuns);
    }

    private static Span MetricsSpan(string runId, string[] keys, double[] values)
    {
        var span = NewSpan("ml.run.metrics", Attr("ml.run.id", runId), Attr("ml.experiment.name", "e"));
        span.Events.Add(new Span.Types.Event
        {
            Name = "ml.metrics",
            TimeUnixNano = 5,
            Attributes =
            {
                Attr("ml.metric.keys", ArrayOf([.. keys.Select(k => new AnyValue { StringValue = k })])),
                Attr("ml.metric.values", ArrayOf([.. values.Select(v => new AnyValue { DoubleValue = v })])),
            },
        });
        return span;
    }
}
