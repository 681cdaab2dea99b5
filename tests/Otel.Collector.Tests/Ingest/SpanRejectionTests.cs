using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Query;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>
/// A span that breaks the wire contract is refused through OTLP partial success, with its reason, and
/// nothing of it reaches any table, while the other spans of the same request are stored.
/// </summary>
public sealed class SpanRejectionTests
{
    private const string BadRunId = "bad-run";
    private const string GoodBeforeRunId = "good-before";
    private const string GoodAfterRunId = "good-after";

    /// <summary>Each case: the span to send (built fresh) and a fragment of the reason it must be refused with.</summary>
    private static readonly Dictionary<string, (Func<Span> Build, string Reason)> Cases = new()
    {
        ["trace id of 15 bytes"] = (() => With(BadRun(), s => s.TraceId = ByteString.CopyFrom(Enumerable.Repeat((byte)0x11, 15).ToArray())), "trace_id must be 16 bytes and not all zero"),
        ["trace id of 17 bytes"] = (() => With(BadRun(), s => s.TraceId = ByteString.CopyFrom(Enumerable.Repeat((byte)0x11, 17).ToArray())), "trace_id must be 16 bytes and not all zero"),
        ["empty trace id"] = (() => With(BadRun(), s => s.TraceId = ByteString.Empty), "trace_id must be 16 bytes and not all zero"),
        ["all-zero trace id"] = (() => With(BadRun(), s => s.TraceId = ByteString.CopyFrom(new byte[16])), "trace_id must be 16 bytes and not all zero"),
        ["all-zero span id"] = (() => With(BadRun(), s => s.SpanId = ByteString.CopyFrom(new byte[8])), "span_id must be 8 bytes and not all zero"),
        ["span id of 4 bytes"] = (() => With(BadRun(), s => s.SpanId = ByteString.CopyFrom(1, 2, 3, 4)), "span_id must be 8 bytes and not all zero"),
        ["parent span id of 3 bytes"] = (() => With(BadRun(), s => s.ParentSpanId = ByteString.CopyFrom(1, 2, 3)), "parent_span_id must be empty or 8 bytes"),
        ["run id not a string"] = (() => With(BadRun(), s => s.Attributes[0] = Attr(MlSemanticConventions.RunId, 42)), "ml.run.id must be a non-empty string"),
        ["empty run id"] = (() => With(BadRun(), s => s.Attributes[0] = Attr(MlSemanticConventions.RunId, string.Empty)), "ml.run.id must be a non-empty string"),
        ["run id of 257 characters"] = (() => With(BadRun(), s => s.Attributes[0] = Attr(MlSemanticConventions.RunId, new string('r', 257))), "ml.run.id is longer than 256 characters"),
        ["ml.metric without key"] = (() => WithEvent(BadRun(), Event(MlSemanticConventions.MetricEvent, Attr(MlSemanticConventions.MetricValue, 0.5))), "ml.metric.key must be a non-empty string"),
        ["ml.metric with a number as key"] = (() => WithEvent(BadRun(), MetricEvent("loss", 0.5, 1, T0).Also(e => e.Attributes[0] = Attr(MlSemanticConventions.MetricKey, 7))), "ml.metric.key must be a non-empty string"),
        ["ml.metric with a string value"] = (() => WithEvent(BadRun(), MetricEvent("loss", Str("0.5"), 1, T0)), "ml.metric.value must be a number"),
        ["ml.metric without value"] = (() => WithEvent(BadRun(), Event(MlSemanticConventions.MetricEvent, Attr(MlSemanticConventions.MetricKey, "loss"))), "ml.metric.value must be a number"),
        ["ml.metric.step a double"] = (() => WithEvent(BadRun(), MetricEvent("loss", 0.5, null, T0).Also(e => e.Attributes.Add(Attr(MlSemanticConventions.MetricStep, 1.0)))), "ml.metric.step must be an integer"),
        ["ml.metric.step a string"] = (() => WithEvent(BadRun(), MetricEvent("loss", 0.5, null, T0).Also(e => e.Attributes.Add(Attr(MlSemanticConventions.MetricStep, "3")))), "ml.metric.step must be an integer"),
        ["ml.metrics values shorter than keys"] = (() => WithEvent(BadRun(), MetricsEvent(T0, ["loss", "acc"], [0.5])), "the arrays must have equal lengths"),
        ["ml.metrics steps longer than keys"] = (() => WithEvent(BadRun(), MetricsEvent(T0, ["loss"], [0.5], steps: [1, 2])), "the arrays must have equal lengths"),
        ["ml.metrics timestamps shorter than keys"] = (() => WithEvent(BadRun(), MetricsEvent(T0, ["loss", "acc"], [0.5, 0.6], timestamps: [(long)T0])), "the arrays must have equal lengths"),
        ["ml.metrics keys not an array"] = (() => WithEvent(BadRun(), Event(MlSemanticConventions.MetricsEvent, Attr(MlSemanticConventions.MetricKeys, "loss"), Attr(MlSemanticConventions.MetricValues, ArrayOf(Dbl(0.5))))), "ml.metric.keys must be an array"),
        ["ml.metrics values not an array"] = (() => WithEvent(BadRun(), Event(MlSemanticConventions.MetricsEvent, Attr(MlSemanticConventions.MetricKeys, ArrayOf(Str("loss"))), Attr(MlSemanticConventions.MetricValues, 0.5))), "ml.metric.values must be an array"),
        ["ml.metrics without values"] = (() => WithEvent(BadRun(), Event(MlSemanticConventions.MetricsEvent, Attr(MlSemanticConventions.MetricKeys, ArrayOf(Str("loss"))))), "are required"),
        ["ml.metrics second value a string"] = (() => WithEvent(BadRun(), MetricsEvent(T0, ["loss", "acc"], [Dbl(0.5), Str("high")])), "element 1 needs"),
        ["ml.metrics second step a double"] = (() => WithEvent(BadRun(), MetricsEvent(T0, ["loss", "acc"], [0.5, 0.6]).Also(e => e.Attributes.Add(Attr(MlSemanticConventions.MetricSteps, ArrayOf(Int(1), Dbl(2)))))), "element 1 needs"),
        ["metric event on a span without ml.run.id"] = (() => WithEvent(PlainSpan(MlSemanticConventions.RunMetricsSpan), MetricEvent("loss", 0.5, 1, T0)), "event ml.metric on a span without ml.run.id"),
        ["batched metric event on a span without ml.run.id"] = (() => WithEvent(PlainSpan(MlSemanticConventions.RunMetricsSpan), MetricsEvent(T0, ["loss"], [0.5])), "event ml.metrics on a span without ml.run.id"),
        ["ml.param on a span without ml.run.id"] = (() => PlainSpan(MlSemanticConventions.RunSpan, Attr("ml.param.lr", 0.1), Attr("ml.tag.owner", "bob")), "span has ml.* run attributes but no ml.run.id"),
        ["ml.experiment.name on a span without ml.run.id"] = (() => PlainSpan(MlSemanticConventions.RunStartSpan, Attr(MlSemanticConventions.ExperimentName, "x")), "span has ml.* run attributes but no ml.run.id"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadSpan_AmongGoodSpans_RejectedAloneWithReasonAndNothingOfItStored(string name)
    {
        await using var harness = await IngestHarness.StartAsync("reject_one");
        var (build, reason) = Cases[name];
        var bad = build();
        var before = GoodStart();
        var after = GoodEnd();

        var result = await harness.SendAsync(TracesRequest(before, bad, after));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(1, result.Rejected);
        Assert.StartsWith($"1 item(s) rejected: span '{bad.Name}' {Hex(bad.SpanId)}: ", result.Message, StringComparison.Ordinal);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        await AssertOnlyGoodSpansStoredAsync(harness, before, after);
    }

    [Fact]
    public async Task BadSpans_AllCasesInOneRequest_EachCountedAndFirstReasonsReported()
    {
        await using var harness = await IngestHarness.StartAsync("reject_all");
        var bad = Cases.Values.Select(c => c.Build()).ToList();
        var before = GoodStart();
        var after = GoodEnd();

        var result = await harness.SendAsync(TracesRequest([before, .. bad, after]));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(bad.Count, result.Rejected);
        Assert.StartsWith($"{bad.Count} item(s) rejected: ", result.Message, StringComparison.Ordinal);
        Assert.All(Cases.Values.Take(5), c => Assert.Contains(c.Reason, result.Message, StringComparison.Ordinal));
        Assert.EndsWith("; …", result.Message, StringComparison.Ordinal);
        await AssertOnlyGoodSpansStoredAsync(harness, before, after);
    }

    [Fact]
    public async Task BadSpan_AloneInRequest_RejectedAndNothingStored()
    {
        await using var harness = await IngestHarness.StartAsync("reject_alone");
        var bad = WithEvent(BadRun(), MetricEvent("loss", Str("high"), 1, T0));

        var result = await harness.SendAsync(TracesRequest(bad));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(1, result.Rejected);
        Assert.Contains("ml.metric.value must be a number", result.Message, StringComparison.Ordinal);
        foreach (var table in new[] { "otel_traces", "ml_runs", "ml_params", "ml_tags", "ml_metrics", "ml_metric_summary", "ml_run_liveness" })
        {
            Assert.Equal(0, await harness.CountAsync($"SELECT count() AS n FROM {table}"));
        }
    }

    [Fact]
    public async Task RunId_Of256Characters_Accepted()
    {
        await using var harness = await IngestHarness.StartAsync("reject_run_id_256");
        var runId = new string('r', 256);

        await harness.SendAcceptedAsync(TracesRequest(RunSpan(MlSemanticConventions.RunStartSpan, runId)));

        Assert.Equal(runId, (await harness.SingleAsync("SELECT RunId FROM ml_runs FINAL")).String("RunId"));
    }

    [Fact]
    public async Task Tags_OnSpanWithoutRunId_IgnoredButSpanKept()
    {
        await using var harness = await IngestHarness.StartAsync("reject_tags_no_run");
        var span = PlainSpan("serving", Attr("ml.tag.owner", "bob"), Attr(MlSemanticConventions.RunName, "no id"));

        await harness.SendAcceptedAsync(TracesRequest(span));

        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM otel_traces"));
        Assert.Equal(0, await harness.CountAsync("SELECT count() AS n FROM ml_tags"));
        Assert.Equal(0, await harness.CountAsync("SELECT count() AS n FROM ml_runs"));
    }

    /// <summary>otel_traces holds exactly the good spans, and every table with a RunId column holds only the good runs.</summary>
    private static async Task AssertOnlyGoodSpansStoredAsync(IngestHarness harness, Span before, Span after)
    {
        var spans = await harness.QueryAsync("SELECT SpanId, TraceId FROM otel_traces ORDER BY SpanId");
        Assert.Equal(new[] { Hex(before.SpanId), Hex(after.SpanId) }.Order(StringComparer.Ordinal), spans.Select(s => s.String("SpanId")));
        var traces = await harness.QueryAsync("SELECT DISTINCT TraceId FROM otel_traces_trace_id_ts ORDER BY TraceId");
        Assert.Equal(new[] { Hex(before.TraceId), Hex(after.TraceId) }.Order(StringComparer.Ordinal), traces.Select(t => t.String("TraceId")));

        var tables = await harness.QueryAsync("""
            SELECT DISTINCT c.table AS name FROM system.columns AS c
            INNER JOIN system.tables AS t ON t.database = c.database AND t.name = c.table
            WHERE c.database = currentDatabase() AND c.name = 'RunId' AND t.engine NOT LIKE '%View%'
            ORDER BY name
            """);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "ml_runs", "ml_params", "ml_tags", "ml_metrics", "ml_metric_summary", "ml_run_liveness" },
            tables.Select(t => t.String("name")).ToHashSet(StringComparer.Ordinal));
        foreach (var table in tables.Select(t => t.String("name")))
        {
            var runs = await harness.QueryAsync($"SELECT DISTINCT RunId FROM `{table}`");
            Assert.All(runs, r => Assert.True(r.String("RunId") is GoodBeforeRunId or GoodAfterRunId, $"{table} holds run '{r.String("RunId")}'"));
        }

        var stored = await harness.QueryAsync("SELECT RunId, Status FROM ml_runs FINAL ORDER BY RunId");
        Assert.Equal([(GoodAfterRunId, "FINISHED"), (GoodBeforeRunId, "RUNNING")], stored.Select(r => (r.String("RunId"), r.String("Status"))));
        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM ml_metrics WHERE RunId = {id:String}", new QueryParameters().Add("id", GoodAfterRunId)));
        Assert.Equal(2, await harness.CountAsync("SELECT count() AS n FROM ml_run_liveness"));
    }

    /// <summary>An ml.run span of <see cref="BadRunId"/> with a param, a tag and a valid point: rows in every experiment table unless refused.</summary>
    private static Span BadRun()
    {
        var span = RunSpan(MlSemanticConventions.RunSpan, BadRunId, attributes: [Attr("ml.param.lr", 0.1), Attr("ml.tag.owner", "mallory")]);
        span.Events.Add(MetricEvent("loss", 0.25, 0, T0 + 1));
        return span;
    }

    private static Span GoodStart() => RunSpan(MlSemanticConventions.RunStartSpan, GoodBeforeRunId, attributes: [Attr("ml.param.lr", 0.2), Attr("ml.tag.owner", "alice")]);

    private static Span GoodEnd()
    {
        var span = RunSpan(MlSemanticConventions.RunSpan, GoodAfterRunId, attributes: [Attr("ml.param.lr", 0.3)]);
        span.Events.Add(MetricEvent("loss", 0.5, 1, T0 + 2));
        return span;
    }

    private static Span With(Span span, Action<Span> change)
    {
        change(span);
        return span;
    }

    private static Span WithEvent(Span span, Span.Types.Event e)
    {
        span.Events.Add(e);
        return span;
    }

    private static Span.Types.Event Event(string name, params KeyValue[] attributes) =>
        new() { Name = name, TimeUnixNano = T0 + 3, Attributes = { attributes } };
}
