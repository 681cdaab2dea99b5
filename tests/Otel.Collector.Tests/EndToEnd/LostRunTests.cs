using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Runs;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>A run whose process vanished is marked LOST after the heartbeat timeout, on the collector's clock (fake here).</summary>
public sealed class LostRunTests
{
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task SilentRun_AfterTimeout_IsLost_ThenItsLateEndWins()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lost_runs", TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create("lost_runs") }, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(TestContext.Current.CancellationToken);
        var ingest = new OtlpIngestService(pipeline, clock);
        var job = new LostRunJob(store, pipeline, new LostRunOptions { LostAfter = LostAfter }, clock);
        var queries = new RunQueries(store);
        var ct = TestContext.Current.CancellationToken;

        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(Span("ml.run.start", "quiet"), Span("ml.run.start", "chatty"))), ct);
        clock.Advance(LostAfter - TimeSpan.FromSeconds(10));
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(Span("ml.run.heartbeat", "chatty"))), ct);
        clock.Advance(TimeSpan.FromSeconds(11));
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), ct);

        var runs = (await queries.ListRunsAsync("lost-exp", 10, ct)).ToDictionary(r => r.Id);
        Assert.Equal("LOST", runs["quiet"].Status);
        Assert.Contains("no sign of life for 300 s", runs["quiet"].StatusMessage, StringComparison.Ordinal);
        Assert.Equal("RUNNING", runs["chatty"].Status);

        var end = Span("ml.run", "quiet");
        end.Status = new Status { Code = Status.Types.StatusCode.Ok };
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(end)), ct);
        Assert.Equal("FINISHED", (await queries.GetRunAsync("quiet", ct))!.Status);
    }

    [Fact]
    public async Task ResumedRun_RunningAgainAfterItsKill_LostWhenSilent_ThenItsEndWins()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lost_resumed", TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create("lost_resumed") }, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(TestContext.Current.CancellationToken);
        var ingest = new OtlpIngestService(pipeline, clock);
        var job = new LostRunJob(store, pipeline, new LostRunOptions { LostAfter = LostAfter }, clock);
        var queries = new RunQueries(store);
        var ct = TestContext.Current.CancellationToken;
        var killed = Span("ml.run", "preempted");
        killed.Attributes.Add(OtlpRequests.Attr(MlSemanticConventions.RunStatus, MlSemanticConventions.Status.Killed));
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(Span("ml.run.start", "preempted"), killed)), ct);
        Assert.Equal("KILLED", (await queries.GetRunAsync("preempted", ct))!.Status);

        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(Resumed("ml.run.start", 10))), ct);
        var running = (await queries.GetRunAsync("preempted", ct))!;
        Assert.Equal("RUNNING", running.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks((long)OtlpRequests.T0 / 100), running.StartTime);

        clock.Advance(LostAfter + TimeSpan.FromSeconds(1));
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), ct);
        Assert.Equal("LOST", (await queries.GetRunAsync("preempted", ct))!.Status);

        var end = Resumed("ml.run", 10);
        end.EndTimeUnixNano = OtlpRequests.T0 + (20 * OtlpRequests.Second);
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(end)), ct);
        var finished = (await queries.GetRunAsync("preempted", ct))!;
        Assert.Equal("FINISHED", finished.Status);
        Assert.Equal(running.StartTime, finished.StartTime);
    }

    /// <summary>A span of the process that resumed run <c>preempted</c>, <paramref name="seconds"/> after its first start.</summary>
    private static Span Resumed(string name, int seconds) =>
        OtlpRequests.RunSpan(name, "preempted", "lost-exp",
                OtlpRequests.Attr(MlSemanticConventions.RunResumed, true), OtlpRequests.Attr(MlSemanticConventions.RunFirstStartTime, (long)OtlpRequests.T0))
            .Also(span =>
            {
                span.StartTimeUnixNano = OtlpRequests.T0 + ((ulong)seconds * OtlpRequests.Second);
                span.EndTimeUnixNano = span.StartTimeUnixNano;
            });

    /// <summary>A one-second span of run <paramref name="runId"/> in this test's experiment.</summary>
    private static Span Span(string name, string runId) =>
        OtlpRequests.RunSpan(name, runId, "lost-exp").Also(span => span.EndTimeUnixNano = OtlpRequests.T0 + OtlpRequests.Second);
}
