using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Tests.Shared;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// Every run id the collector accepts comes back through every query route that takes one; every id it cannot
/// give back is refused at ingest through OTLP partial success, with the reason (issue 8, part 10).
/// </summary>
public sealed class RunIdRoundTripTests
{
    private const string Experiment = "awkward-ids";
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AwkwardButAllowedIds_EachRoundTripThroughShowHistoryArtifactsLineageCompareAndDiff()
    {
        await using var collector = await RunningCollector.StartAsync("awkward_ids");
        var ids = AwkwardRunIds.All;
        var spans = ids.SelectMany((id, i) =>
        {
            var run = RunSpan("ml.run", id, Experiment, "run " + i);
            run.Events.Add(Event("ml.metric", Attr("ml.metric.key", "loss"), Attr("ml.metric.value", 1.0 / (i + 1)), Attr("ml.metric.step", 7L)));
            run.Events.Add(Event("ml.artifact", Attr("ml.artifact.path", "model.bin"), Attr("ml.artifact.sha256", Sha256), Attr("ml.artifact.size", 4L)));
            return new[] { RunSpan("ml.run.start", id, Experiment, "run " + i), run };
        }).ToArray();
        await SendAsync(collector.Api, Request([Attr("service.name", "awkward")], spans), Cancellation);

        var listed = (await collector.ListRunsAsync(Experiment)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(ids.Count, listed.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var path = "api/runs/" + Uri.EscapeDataString(id);
            Assert.Contains(id, listed);
            Assert.Equal(id, (await GetAsync(collector, path)).GetProperty("id").GetString());
            Assert.Equal(7, Assert.Single((await GetAsync(collector, path + "/history?key=loss")).EnumerateArray()).GetProperty("step").GetInt64());
            Assert.Equal("model.bin", Assert.Single((await GetAsync(collector, path + "/artifacts")).EnumerateArray()).GetProperty("path").GetString());
            Assert.Contains(id, JsonStrings.In(await GetAsync(collector, "api/lineage/" + Uri.EscapeDataString(id))));

            var other = ids[(i + 1) % ids.Count];
            var pair = $"id={Uri.EscapeDataString(id)}&id={Uri.EscapeDataString(other)}";
            Assert.Equal([id, other], (await GetAsync(collector, "api/runs/compare?" + pair)).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
            Assert.Equal(JsonValueKind.Object, (await GetAsync(collector, $"api/runs/diff?a={Uri.EscapeDataString(id)}&b={Uri.EscapeDataString(other)}")).ValueKind);
        }

        // The routes still answer as before when no run holds their name.
        using var noIds = await collector.Api.GetAsync("api/runs/compare?id=x", Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noIds.StatusCode);
    }

    public static TheoryData<string, string, string> RefusedSpans => new()
    {
        { "ml.run.id", "", "attribute ml.run.id must be a non-empty string" },
        { "ml.run.id", ".", "attribute ml.run.id cannot be '.'" },
        { "ml.run.id", "..", "attribute ml.run.id cannot be '..'" },
        { "ml.run.id", "line\nbreak", "attribute ml.run.id contains the control character U+000A at position 4" },
        { "ml.run.id", "nul\0", "attribute ml.run.id contains the control character U+0000" },
        { "ml.run.id", "tab\t", "attribute ml.run.id contains the control character U+0009" },
        { "ml.run.id", "del\u007f", "attribute ml.run.id contains the control character U+007F" },
        { "ml.run.id", "next line\u0085", "attribute ml.run.id contains the control character U+0085" },
        { "ml.run.id", new string('r', 257), "attribute ml.run.id is longer than 256 characters" },
        { "ml.run.parent_id", "..", "attribute ml.run.parent_id cannot be '..'" },
        { "ml.run.parent_id", "a\rb", "attribute ml.run.parent_id contains the control character U+000D" },
        { "ml.run.reproduces", ".", "attribute ml.run.reproduces cannot be '.'" },
    };

    [Theory]
    [MemberData(nameof(RefusedSpans))]
    public async Task RefusedId_OnARunSpan_RejectedThroughPartialSuccessWithTheReason_RestKept(string attribute, string id, string reason)
    {
        await using var collector = await RunningCollector.StartAsync("refused_id");
        var bad = attribute == "ml.run.id" ? RunSpan("ml.run.start", id, Experiment, "bad") : RunSpan("ml.run.start", "bad-reference", Experiment, "bad", Attr(attribute, id));
        var good = RunSpan("ml.run.start", "good", Experiment, "good");

        var answer = await PostAsync(collector, "v1/traces", Request([], bad, good), ExportTraceServiceResponse.Parser);

        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains(reason, answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["good"], (await collector.ListRunsAsync(Experiment)).Select(r => r.Id));
    }

    [Fact]
    public async Task RefusedId_OnAMetricDataPoint_PointRejectedThroughPartialSuccess_OtherPointsKept()
    {
        await using var collector = await RunningCollector.StartAsync("refused_point_id");
        await SendAsync(collector.Api, Request([], RunSpan("ml.run.start", "good", Experiment, "good")), Cancellation);
        var gauge = new Metric
        {
            Name = "gpu.utilization",
            Gauge = new Gauge
            {
                DataPoints =
                {
                    new NumberDataPoint { TimeUnixNano = T0, AsDouble = 0.5, Attributes = { Attr("ml.run.id", "..") } },
                    new NumberDataPoint { TimeUnixNano = T0, AsDouble = 0.75, Attributes = { Attr("ml.run.id", "good") } },
                },
            },
        };
        var request = new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics = { gauge } } } } } };

        var answer = await PostAsync(collector, "v1/metrics", request, ExportMetricsServiceResponse.Parser);

        Assert.Equal(1, answer.PartialSuccess.RejectedDataPoints);
        Assert.Contains("metric 'gpu.utilization': attribute ml.run.id cannot be '..'", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0.75, (await collector.GetRunAsync("good")).Metrics["gpu.utilization"]);
    }

    private static async Task<T> PostAsync<T>(RunningCollector collector, string path, IMessage request, MessageParser<T> parser)
        where T : IMessage<T>
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await collector.Api.PostAsync(path, content, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(Cancellation));
    }

    private static async Task<JsonElement> GetAsync(RunningCollector collector, string path)
    {
        using var response = await collector.Api.GetAsync(path, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
