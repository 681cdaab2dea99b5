using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Ingest;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Runs;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>A run that declared its total steps and went silent is LOST, and still says how many steps it meant to take.</summary>
public sealed class LostRunTotalStepsTests
{
    private static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(300);

    [Fact]
    public async Task SilentRunWithTotalSteps_MarkedLost_DetailAndProgressStillReportTotalSteps()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStores.CreateEmbeddedAsync("lost_total_steps", ct);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create("lost_total_steps") }, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(ct);
        var ingest = new OtlpIngestService(pipeline, clock);
        var job = new LostRunJob(store, pipeline, new LostRunOptions { LostAfter = LostAfter }, clock);
        var queries = new RunQueries(store);
        var start = RunSpan("ml.run.start", "planned", "lost-exp", Attr(MlSemanticConventions.RunTotalSteps, 10L));
        await ingest.IngestTracesAsync(TraceExport.FromMessage(SpansRequest(start)), ct);
        Assert.Equal(10, (await queries.GetRunAsync("planned", ct))!.TotalSteps);

        clock.Advance(LostAfter + TimeSpan.FromSeconds(1));
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), ct);

        var lost = (await queries.GetRunAsync("planned", ct))!;
        Assert.Equal("LOST", lost.Status);
        Assert.Equal(10, lost.TotalSteps);
        var progress = (await queries.GetProgressAsync("planned", ct))!;
        Assert.Equal("LOST", progress.Status);
        Assert.Equal(10, progress.TotalSteps);
    }
}
