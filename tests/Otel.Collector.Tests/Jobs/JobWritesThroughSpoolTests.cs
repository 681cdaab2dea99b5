using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Provenance;
using Otel.Collector.Runs;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Jobs;

/// <summary>
/// One writer: the rows jobs write arrive by the spool's inserts (with its deduplication tokens), never by a statement
/// of their own, so a replay of the same range after a crash is dropped like ingested data.
/// </summary>
public sealed class JobWritesThroughSpoolTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LostRunJob_MarksArriveThroughTheSpool_AndAReplayIsDropped()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("job_lost_spool", Cancellation);
        var recording = new RecordingStore(store);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var pipeline = await StartPipelineAsync(recording, "job_lost_spool");
        var ingest = new OtlpIngestService(pipeline, clock);
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(RunSpan("ml.run.start", "vanished"))), Cancellation);
        clock.Advance(TimeSpan.FromMinutes(10));

        var job = new LostRunJob(recording, pipeline, new LostRunOptions(), clock);
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var mark = AssertOneSpooledInsertOf(recording, "ml_runs", "\"LOST\"");
        await AssertReplayIsDroppedAsync(store, mark, "SELECT count() FROM ml_runs WHERE Status = 'LOST'");
    }

    [Fact]
    public async Task CompletenessJob_RowsArriveThroughTheSpool_AndAReplayIsDropped()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("job_completeness_spool", Cancellation);
        var recording = new RecordingStore(store);
        await using var pipeline = await StartPipelineAsync(recording, "job_completeness_spool");
        var ingest = new OtlpIngestService(pipeline, TimeProvider.System);
        await ingest.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(RunSpan("ml.run.start", "scored"))), Cancellation);

        using var wakeups = new JobWakeups();
        var job = new CompletenessJob(recording, pipeline, new CompletenessOptions(), new JobOptions(), wakeups);
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var score = AssertOneSpooledInsertOf(recording, "ml_run_completeness", "\"scored\"");
        await AssertReplayIsDroppedAsync(store, score, "SELECT count() FROM ml_run_completeness WHERE RunId = 'scored'");
    }

    [Fact]
    public async Task CompletenessJob_ScoresRunsThatAnotherCollectorReceived_WithoutBeingNotified()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("job_completeness_elsewhere", Cancellation);
        await using var elsewhere = await StartPipelineAsync(store, "job_completeness_elsewhere_a");
        await using var here = await StartPipelineAsync(store, "job_completeness_elsewhere_b");
        using var wakeups = new JobWakeups();
        var job = new CompletenessJob(store, here, new CompletenessOptions(), new JobOptions(), wakeups);

        // The run reaches a collector whose completeness job never runs (another holds the lease) and nobody notifies this one.
        var first = new OtlpIngestService(elsewhere, TimeProvider.System);
        await first.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(RunSpan("ml.run.start", "first"))), Cancellation);
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        await first.IngestTracesAsync(TraceExport.FromMessage(OtlpRequests.SpansRequest(RunSpan("ml.run.start", "second"))), Cancellation);
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var scored = System.Text.Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT RunId FROM ml_run_completeness FINAL ORDER BY RunId", "TabSeparated", null, Cancellation));
        Assert.Equal("first\nsecond\n", scored);
        Assert.Null(wakeups.Take(job.Name));
    }

    private static async Task<ExportPipeline> StartPipelineAsync(IClickHouseStore store, string name)
    {
        var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create(name), FlushInterval = TimeSpan.FromMilliseconds(1) },
            TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);
        return pipeline;
    }

    private static (string Table, string Format, byte[] Rows, string? Token) AssertOneSpooledInsertOf(RecordingStore recording, string table, string text)
    {
        Assert.DoesNotContain(recording.Statements, s => s.Contains("INSERT", StringComparison.OrdinalIgnoreCase));
        var insert = Assert.Single(recording.Inserts, i => i.Table == table && System.Text.Encoding.UTF8.GetString(i.Rows).Contains(text, StringComparison.Ordinal));
        Assert.StartsWith("spool-", insert.Token, StringComparison.Ordinal);
        return insert;
    }

    private static async Task AssertReplayIsDroppedAsync(IClickHouseStore store, (string Table, string Format, byte[] Rows, string? Token) insert, string count)
    {
        await store.InsertAsync(insert.Table, insert.Format, insert.Rows, insert.Token, Cancellation);
        var rows = System.Text.Encoding.UTF8.GetString(await store.QueryAsync(count, "TabSeparated", null, Cancellation)).Trim();
        Assert.Equal("1", rows);
    }

    /// <summary>A one-second span of run <paramref name="runId"/> in this test's experiment.</summary>
    private static Span RunSpan(string name, string runId) =>
        OtlpRequests.RunSpan(name, runId, "jobs-exp").Also(span => span.EndTimeUnixNano = OtlpRequests.T0 + OtlpRequests.Second);
}
