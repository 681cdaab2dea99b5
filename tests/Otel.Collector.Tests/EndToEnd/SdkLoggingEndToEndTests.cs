using Google.Protobuf;
using OpenTelemetry.Exporter;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// The SDK's MLflow- and W&amp;B-style calls through a real collector to the query API: params logged after the start,
/// several metrics and tags at once, a note, resuming a run in a new tracker; and params changed by a client that does
/// not check, refused through partial success.
/// </summary>
public sealed class SdkLoggingEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LoggingCalls_AfterStart_ReadableThroughQueryApi()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_logging_calls");
        var experiment = "calls-" + Guid.NewGuid().ToString("N");
        string runId;
        using (var tracking = Tracking(collector))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Params = { ["epochs"] = 3 } });
            runId = run.Id;
            run.LogParam("lr", 0.01);
            run.LogParams(new Dictionary<string, object?> { ["optimizer"] = "adam", ["nesterov"] = true });
            run.LogMetrics(new Dictionary<string, double> { ["loss"] = 0.5, ["acc"] = 0.8 }, step: 1);
            run.LogMetrics(new Dictionary<string, double> { ["loss"] = 0.25, ["acc"] = 0.9 }, step: 2);
            run.SetTags(new Dictionary<string, string> { ["team"] = "vision" });
            run.SetNote("First try with Adam.");
        }

        var detail = await collector.GetRunAsync(runId);
        Assert.Equal(new Dictionary<string, string> { ["epochs"] = "3", ["lr"] = "0.01", ["optimizer"] = "adam", ["nesterov"] = "true" }, detail.Params);
        Assert.Equal([1L, 2L], detail.History["acc"].Select(p => p.Step));
        Assert.Equal(0.25, detail.Metrics["loss"]);
        Assert.Equal("vision", detail.Tags["team"]);
        Assert.Equal("First try with Adam.", detail.Note);
    }

    [Fact]
    public async Task ChangedParam_FromAClientThatDoesNotCheck_RefusedThroughPartialSuccess_FirstValueKept()
    {
        await using var collector = await RunningCollector.StartAsync("param_conflict");
        var ct = TestContext.Current.CancellationToken;
        var runId = "conflict-" + Guid.NewGuid().ToString("N");
        await OtlpSpans.SendAsync(collector.Api, SpansRequest(RunSpan("ml.run.start", runId, attributes: Attr("ml.param.lr", 0.1))), ct);

        var later = RunSpan("ml.run.heartbeat", runId);
        later.Events.Add(OtlpSpans.Event(MlSemanticConventions.ParamsEvent, Attr("ml.param.lr", 0.2), Attr("ml.param.batch", 32L)));
        var answer = await ExportAsync(collector, SpansRequest(later), ct);

        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains($"param 'lr' of run {runId} is '0.1' already and cannot change to '0.2'", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        var detail = await collector.GetRunAsync(runId);
        Assert.Equal(new Dictionary<string, string> { ["lr"] = "0.1", ["batch"] = "32" }, detail.Params);
    }

    [Fact]
    public async Task ChangedParam_WithinOneRequest_SecondValueRefused()
    {
        await using var collector = await RunningCollector.StartAsync("param_conflict_request");
        var ct = TestContext.Current.CancellationToken;
        var runId = "conflict-" + Guid.NewGuid().ToString("N");
        var later = RunSpan("ml.run.heartbeat", runId);
        later.Events.Add(OtlpSpans.Event(MlSemanticConventions.ParamsEvent, Attr("ml.param.lr", "slow")));

        var answer = await ExportAsync(collector, SpansRequest(RunSpan("ml.run.start", runId, attributes: Attr("ml.param.lr", "fast")), later), ct);

        Assert.Contains("cannot change to 'slow'", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("fast", (await collector.GetRunAsync(runId)).Params["lr"]);
    }

    [Fact]
    public async Task ResumeRun_KilledRunInANewTracker_RunningAgain_StepsContinue_ParamsKept_EndsFinished()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume");
        var experiment = "resume-" + Guid.NewGuid().ToString("N");
        string runId;
        using (var first = Tracking(collector))
        {
            var run = first.StartRun(new RunOptions { Experiment = experiment, Name = "long-job", Params = { ["lr"] = 0.1 } });
            runId = run.Id;
            for (var step = 0; step < 5; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1));
            }

            run.End(RunStatus.Killed);
        }

        var killed = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "KILLED" && r.History.GetValueOrDefault("loss")?.Count == 5, Timeout);

        using (var second = Tracking(collector))
        {
            using var resumed = second.ResumeRun(runId);
            Assert.Same(resumed, MlRun.Current);
            Assert.Equal((runId, experiment, "long-job"), (resumed.Id, resumed.Experiment, resumed.Name));
            var changed = Assert.Throws<InvalidOperationException>(() => resumed.LogParam("lr", 0.2));
            Assert.Contains("'0.1' already", changed.Message, StringComparison.Ordinal);
            await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "RUNNING", Timeout);
            for (var i = 0; i < 5; i++)
            {
                resumed.LogMetric("loss", 0.1 / (i + 1));
            }
        }

        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "FINISHED", Timeout);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), detail.History["loss"].Select(p => p.Step));
        Assert.Equal(killed.StartTime, detail.StartTime);
        Assert.Equal("0.1", detail.Params["lr"]);
        Assert.Single(await collector.ListRunsAsync(experiment));
    }

    [Fact]
    public async Task ResumeRun_UnknownId_ThrowsSayingTheCollectorKnowsNoSuchRun()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_unknown");
        using var tracking = Tracking(collector);

        var error = Assert.Throws<InvalidOperationException>(() => tracking.ResumeRun("no-such-run"));

        Assert.Contains("Cannot resume run 'no-such-run': the collector at", error.Message, StringComparison.Ordinal);
        Assert.Contains("knows no such run", error.Message, StringComparison.Ordinal);
        Assert.Null(MlRun.Current);
    }

    private static async Task<ExportTraceServiceResponse> ExportAsync(RunningCollector collector, ExportTraceServiceRequest request, CancellationToken ct)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await collector.Api.PostAsync("v1/traces", content, ct).WaitAsync(TestTimeouts.Default, ct);
        Assert.True(response.IsSuccessStatusCode, response.ToString());
        return ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(ct));
    }

    private static MlTracking Tracking(RunningCollector collector) => MlTracking.Create(o =>
    {
        o.Endpoint = collector.Host.HttpEndpoint;
        o.ArtifactEndpoint = collector.Host.HttpEndpoint;
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.ServiceName = "e2e-trainer";
        o.HandleTerminationSignals = false;
        o.BufferOffline = false;
        o.CaptureGitDiff = false;
    });
}
