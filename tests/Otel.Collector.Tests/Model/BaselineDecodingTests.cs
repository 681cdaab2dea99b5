using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Model;

/// <summary>Decoding <c>ml.baseline</c> events: what is kept, and each refusal with its reason.</summary>
public sealed class BaselineDecodingTests
{
    [Fact]
    public void Decode_NumericAndCategoricalBaselines_KeptWithTheirRunAndTime()
    {
        var span = BaselineSpan(
            Numeric("age", [30, 40], [1, 2, 3]).Also(e => e.Attributes.Add(Attr("ml.baseline.dataset.digest", "abc"))),
            Categorical("plan", ["free", "pro"], [3, 1, 0]).Also(e => e.Attributes[1] = Attr("ml.baseline.kind", "prediction")));

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(span)), 1);

        Assert.Equal(0, batch.Tally.Rejected);
        var age = batch.Baselines[0];
        Assert.Equal(("run-a", "e", "age", "feature", "numeric", "abc", 7UL), (age.RunId, age.Experiment, age.Name, age.Kind, age.Type, age.DatasetDigest, age.LoggedAtUnixNano));
        Assert.Equal([30.0, 40], age.Bounds);
        Assert.Equal([1L, 2, 3], age.Counts);
        var plan = batch.Baselines[1];
        Assert.Equal(("plan", "prediction", "categorical"), (plan.Name, plan.Kind, plan.Type));
        Assert.Equal(["free", "pro"], plan.Categories);
        Assert.Empty(plan.Bounds);
    }

    [Fact]
    public void Decode_IntegerBoundsAndDoubleCounts_AcceptedAsNumbers()
    {
        // Hand-written OTLP/JSON may send whole numbers as intValue bounds or doubleValue counts.
        var e = Baseline("x", "numeric",
            Attr("ml.baseline.bounds", ArrayOf(Int(1), Int(2))),
            Attr("ml.baseline.counts", ArrayOf(Dbl(1), Dbl(0), Dbl(4))));

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(BaselineSpan(e))), 1);

        Assert.Equal([1.0, 2], Assert.Single(batch.Baselines).Bounds);
        Assert.Equal([1L, 0, 4], batch.Baselines[0].Counts);
    }

    public static TheoryData<string, Span.Types.Event> BadEvents => new()
    {
        { "ml.baseline.name is required", Baseline("", "numeric", Bounds(1), Counts(1, 1)) },
        { "ml.baseline.kind must be feature or prediction, not 'label'", Numeric("x", [1], [1, 1]).Also(e => e.Attributes[1] = Attr("ml.baseline.kind", "label")) },
        { "ml.baseline.type must be numeric or categorical, not 'ordinal'", Baseline("x", "ordinal", Bounds(1), Counts(1, 1)) },
        { "ml.baseline.counts must have 3 entries", Numeric("x", [1, 2], [1, 1]) },
        { "ml.baseline.counts must have 2 entries", Categorical("c", ["a"], [1, 1, 1]) },
        { "must be finite numbers in strictly ascending order", Numeric("x", [2, 1], [1, 1, 1]) },
        { "must be finite numbers in strictly ascending order", Numeric("x", [1, 1], [1, 1, 1]) },
        { "must be finite numbers in strictly ascending order", Numeric("x", [1, double.PositiveInfinity], [1, 1, 1]) },
        { "a numeric baseline needs ml.baseline.bounds", Baseline("x", "numeric", Counts(1)) },
        { "a numeric baseline needs ml.baseline.bounds, an array of 1 to 1000 numbers", Numeric("x", [.. Enumerable.Range(0, 1001).Select(i => (double)i)], new long[1002]) },
        { "a numeric baseline has ml.baseline.bounds, not ml.baseline.categories", Numeric("x", [1], [1, 1]).Also(e => e.Attributes.Add(Attr("ml.baseline.categories", ArrayOf(Str("a"))))) },
        { "a categorical baseline has ml.baseline.categories, not ml.baseline.bounds", Categorical("c", ["a"], [1, 0]).Also(e => e.Attributes.Add(Bounds(1))) },
        { "must be distinct non-blank strings", Categorical("c", ["a", "a"], [1, 1, 0]) },
        { "must be distinct non-blank strings", Categorical("c", [" "], [1, 0]) },
        { "without __other__", Categorical("c", ["__other__"], [1, 0]) },
        { "must be non-negative integers", Numeric("x", [1], [1, -1]) },
        { "must be non-negative integers", Baseline("x", "numeric", Bounds(1), Attr("ml.baseline.counts", ArrayOf(Dbl(0.5), Dbl(1)))) },
        { "every count is 0", Numeric("x", [1], [0, 0]) },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void Decode_BadBaseline_SpanRejectedWithTheReasonAndNothingKept(string reason, Span.Types.Event bad)
    {
        var good = BaselineSpan(Numeric("ok", [1], [1, 1]));

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(good, BaselineSpan(bad))), 1);

        Assert.Equal(1, batch.Tally.Rejected);
        Assert.Contains(reason, batch.Tally.Message, StringComparison.Ordinal);
        Assert.Equal(["ok"], batch.Baselines.Select(b => b.Name));
    }

    [Fact]
    public void Decode_BaselineOnASpanWithoutRunId_Rejected()
    {
        var span = NewSpan("ml.baseline");
        span.Events.Add(Numeric("x", [1], [1, 1]));

        var batch = TraceDecoder.Decode(TraceExport.FromMessage(Traces(span)), 1);

        Assert.Contains("event ml.baseline on a span without ml.run.id", batch.Tally.Message, StringComparison.Ordinal);
        Assert.Empty(batch.Baselines);
    }

    private static Span BaselineSpan(params Span.Types.Event[] events)
    {
        var span = NewSpan("ml.baseline", Attr("ml.run.id", "run-a"), Attr("ml.experiment.name", "e"));
        span.Events.Add(events);
        return span;
    }

    private static Span.Types.Event Numeric(string name, double[] bounds, long[] counts) =>
        Baseline(name, "numeric", Attr("ml.baseline.bounds", ArrayOf([.. bounds.Select(Dbl)])), Counts(counts));

    private static Span.Types.Event Categorical(string name, string[] categories, long[] counts) =>
        Baseline(name, "categorical", Attr("ml.baseline.categories", ArrayOf([.. categories.Select(Str)])), Counts(counts));

    private static Span.Types.Event Baseline(string name, string type, params KeyValue[] rest) => new()
    {
        Name = "ml.baseline",
        TimeUnixNano = 7,
        Attributes = { Attr("ml.baseline.name", name), Attr("ml.baseline.kind", "feature"), Attr("ml.baseline.type", type), rest },
    };

    private static KeyValue Bounds(params double[] bounds) => Attr("ml.baseline.bounds", ArrayOf([.. bounds.Select(Dbl)]));

    private static KeyValue Counts(params long[] counts) => Attr("ml.baseline.counts", ArrayOf([.. counts.Select(Int)]));
}
