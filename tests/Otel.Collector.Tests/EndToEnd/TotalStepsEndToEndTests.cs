using System.Net;
using System.Net.Http.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// <c>ml.run.total_steps</c> from any OTLP client reaches the run's detail as <c>totalSteps</c> and its progress
/// (<c>/api/runs/{id}/progress</c>), which <c>runs watch</c> polls.
/// </summary>
public sealed class TotalStepsEndToEndTests
{
    private static readonly KeyValue[] Trainer = [Attr("service.name", "trainer")];

    [Fact]
    public async Task TotalSteps_IntOrWholeNumberString_InRunDetailAndProgress()
    {
        await using var collector = await RunningCollector.StartAsync("total_steps_detail");
        var ct = TestContext.Current.CancellationToken;
        var experiment = "steps-" + Guid.NewGuid().ToString("N");
        var start = RunSpan("ml.run.start", "counted", experiment, "train", Attr("ml.run.total_steps", 500L));
        var points = RunSpan("ml.run.metrics", "counted", experiment, "train");
        for (var step = 0L; step < 3; step++)
        {
            points.Events.Add(Event("ml.metric", Attr("ml.metric.key", "loss"), Attr("ml.metric.value", 1.0 / (step + 1)), Attr("ml.metric.step", step)));
        }

        await SendAsync(collector.Api, Request(Trainer, start, points, RunSpan("ml.run.start", "texted", experiment, "train", Attr("ml.run.total_steps", "250"))), ct);

        var run = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync("counted"), r => r.MetricSummaries.ContainsKey("loss"), TestTimeouts.Default);
        Assert.Equal(500, run.TotalSteps);
        Assert.Equal(250, (await collector.GetRunAsync("texted")).TotalSteps);

        var progress = (await collector.Api.GetFromJsonAsync<RunProgress>("api/runs/counted/progress", QueryJson.Options, ct))!;
        Assert.Equal(("counted", "RUNNING", 500L), (progress.Id, progress.Status, progress.TotalSteps));
        var loss = progress.Metrics["loss"];
        Assert.Equal((1.0 / 3, 1.0 / 3, 1.0, 3L, 0L, 2L, "event"), (loss.Latest, loss.Min, loss.Max, loss.Points, loss.FirstStep, loss.LastStep, loss.Source));
    }

    [Fact]
    public async Task TotalSteps_Undeclared_NullInDetailAndProgress()
    {
        await using var collector = await RunningCollector.StartAsync("total_steps_none");
        await SendAsync(collector.Api, Request(Trainer, RunSpan("ml.run", "plain", "steps", "train")), TestContext.Current.CancellationToken);

        await RunningCollector.EventuallyAsync(() => collector.GetJsonAsync("api/runs?experiment=steps"), r => r.GetArrayLength() == 1, TestTimeouts.Default);

        Assert.Null((await collector.GetRunAsync("plain")).TotalSteps);
        var progress = await collector.GetJsonAsync("api/runs/plain/progress");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, progress.GetProperty("totalSteps").ValueKind);
        Assert.Equal("FINISHED", progress.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TotalSteps_NotAPositiveWholeNumber_SpanRejectedSayingWhy()
    {
        await using var collector = await RunningCollector.StartAsync("total_steps_bad");
        var ct = TestContext.Current.CancellationToken;
        var request = Request(Trainer, RunSpan("ml.run.start", "bad-steps", "steps", "train", Attr("ml.run.total_steps", -3L)), RunSpan("ml.run.start", "good", "steps", "train"));

        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await collector.Api.PostAsync("v1/traces", content, ct);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("ml.run.total_steps must be a positive whole number", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        await RunningCollector.EventuallyAsync(() => collector.GetJsonAsync("api/runs?experiment=steps"), r => r.GetArrayLength() == 1, TestTimeouts.Default);
    }

    [Fact]
    public async Task Progress_UnknownRun_NotFound()
    {
        await using var collector = await RunningCollector.StartAsync("total_steps_unknown");

        using var response = await collector.Api.GetAsync("api/runs/nosuch/progress", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
