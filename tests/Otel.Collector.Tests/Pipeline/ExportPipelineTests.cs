using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Export;
using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Pipeline;

public sealed class ExportPipelineTests
{
    [Fact]
    public async Task WriteAsync_OverPendingBound_IsThrottledWithRetryAfter_AndNothingAcceptedIsLost()
    {
        var store = new GatedStore();
        var options = new ExportPipelineOptions { MaxPendingBytes = 300, FlushInterval = TimeSpan.FromMilliseconds(1) };
        await using var pipeline = Start(store, options);

        var first = pipeline.WriteAsync(Batch("a", 100), TestContext.Current.CancellationToken).AsTask();
        await store.FirstInsertStarted.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        var second = pipeline.WriteAsync(Batch("b", 100), TestContext.Current.CancellationToken).AsTask();

        var refused = await pipeline.WriteAsync(Batch("c", 200), TestContext.Current.CancellationToken);
        Assert.Equal(IngestOutcome.Throttled, refused.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);

        store.Open();
        Assert.Equal(IngestOutcome.Accepted, (await first.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(IngestOutcome.Accepted, (await second.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken)).Outcome);
        var written = string.Concat(store.Inserts.Select(i => i.Rows));
        Assert.Contains("\"a\"", written, StringComparison.Ordinal);
        Assert.Contains("\"b\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"c\"", written, StringComparison.Ordinal);
        Assert.Equal(0, pipeline.PendingBytes);
    }

    [Fact]
    public async Task StopAsync_WithQueuedBatches_WritesThemAllBeforeReturning()
    {
        var store = new GatedStore();
        var pipeline = Start(store, new ExportPipelineOptions { FlushInterval = TimeSpan.FromMilliseconds(1) });
        var writes = Enumerable.Range(0, 5).Select(i => pipeline.WriteAsync(Batch($"r{i}", 50), TestContext.Current.CancellationToken).AsTask()).ToList();
        await store.FirstInsertStarted.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        var stopping = pipeline.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        var late = await pipeline.WriteAsync(Batch("late", 10), TestContext.Current.CancellationToken);
        Assert.Equal(IngestOutcome.Unavailable, late.Outcome);

        store.Open();
        await stopping.WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(IngestOutcome.Accepted, r.Outcome));
        var written = string.Concat(store.Inserts.Select(i => i.Rows));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains($"\"r{i}\"", written, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_StoreFails_AnswersUnavailableSoClientsRetry()
    {
        var store = new GatedStore { FailWith = new InvalidOperationException("disk full") };
        await using var pipeline = Start(store, new ExportPipelineOptions { FlushInterval = TimeSpan.FromMilliseconds(1) });
        store.Open();
        var result = await pipeline.WriteAsync(Batch("x", 10), TestContext.Current.CancellationToken).AsTask().WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal(IngestOutcome.Unavailable, result.Outcome);
        Assert.Contains("disk full", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, pipeline.PendingBytes);
    }

    [Fact]
    public async Task ConcurrentWrites_AreGroupedIntoOneInsertPerTable()
    {
        var store = new GatedStore();
        await using var pipeline = Start(store, new ExportPipelineOptions { FlushInterval = TimeSpan.FromSeconds(5), MaxBatchRows = 3 });
        store.Open();
        var writes = Enumerable.Range(0, 3).Select(i => pipeline.WriteAsync(Batch($"g{i}", 10), TestContext.Current.CancellationToken).AsTask()).ToList();
        await Task.WhenAll(writes).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        var insert = Assert.Single(store.Inserts);
        Assert.Equal("ml_tags", insert.Table);
        Assert.Equal(3, insert.Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static ExportPipeline Start(GatedStore store, ExportPipelineOptions options)
    {
        var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        pipeline.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return pipeline;
    }

    /// <summary>A batch with one ml_tags row whose value pads it to about <paramref name="bytes"/> bytes.</summary>
    private static RowBatch Batch(string id, int bytes)
    {
        var batch = new RowBatch();
        var rows = batch.For(StorageTable.MlTags);
        var json = rows.BeginRow();
        json.WriteString("RunId", id);
        json.WriteString("Pad", new string('x', Math.Max(0, bytes - 30)));
        rows.EndRow();
        return batch;
    }
}
