using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Pipeline;

public sealed class ExportPipelineTests
{
    [Fact]
    public async Task WriteAsync_OverPendingBound_IsThrottledWithRetryAfter_AndNothingAcceptedIsLost()
    {
        var store = new GatedStore();
        var options = new ExportPipelineOptions { MaxPendingBytes = 300, FlushInterval = TimeSpan.FromMilliseconds(1), SpoolDirectory = TestSpool.Create("throttle") };
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
        var pipeline = Start(store, Options());
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
    public async Task StoreDown_RequestsAreAcknowledgedOnceSpooled_AndStoredWhenItRecovers()
    {
        var store = new GatedStore { FailWith = new InvalidOperationException("Connection refused") };
        await using var pipeline = Start(store, Options());
        store.Open();

        var result = await pipeline.WriteAsync(Batch("x", 10), Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.True(pipeline.StorageFailing);
        Assert.True(pipeline.SpooledBytes > 0);
        Assert.Empty(store.Inserts);

        store.FailWith = null;
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0);
        Assert.Contains("\"x\"", Assert.Single(store.Inserts).Rows, StringComparison.Ordinal);
        Assert.False(pipeline.StorageFailing);
        Assert.Equal(0, pipeline.PendingBytes);
    }

    [Fact]
    public async Task StoreDown_SpoolFull_PushesBackWithUnavailableAndRetryAfter_KeepingWhatWasAccepted()
    {
        var store = new GatedStore { FailWith = new InvalidOperationException("Connection refused") };
        var options = Options();
        options.MaxSpoolBytes = 400;
        await using var pipeline = Start(store, options);
        store.Open();

        var outcomes = new List<IngestResult>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await pipeline.WriteAsync(Batch($"s{i}", 100), Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation));
        }

        Assert.All(outcomes.Take(3), r => Assert.Equal(IngestOutcome.Accepted, r.Outcome));
        Assert.Equal(IngestOutcome.Unavailable, outcomes[3].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), outcomes[3].RetryAfter);
        Assert.Contains("spool is full", outcomes[3].Message, StringComparison.Ordinal);

        store.FailWith = null;
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0);
        var written = string.Concat(store.Inserts.Select(i => i.Rows));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains($"\"s{i}\"", written, StringComparison.Ordinal));
        Assert.DoesNotContain("\"s3\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedWhileStoreDown_NextStartStoresTheSpooledRequests_Once()
    {
        var spool = TestSpool.Create("restart");
        var down = new GatedStore { FailWith = new InvalidOperationException("Connection refused") };
        down.Open();
        var first = Start(down, Options(spool));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(IngestOutcome.Accepted, (await first.WriteAsync(Batch($"k{i}", 10), Cancellation)).Outcome);
        }

        await first.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var up = new GatedStore();
        up.Open();
        await using var second = Start(up, Options(spool));
        await Eventually.UntilAsync(() => second.SpooledBytes == 0 && up.Inserts.Count > 0);
        var rows = string.Concat(up.Inserts.Select(i => i.Rows));
        Assert.Equal(3, rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, CountOf(rows, $"\"k{i}\"")));
    }

    [Theory]
    [InlineData(10_000)] // the three records are one group
    [InlineData(1)] // eager: the first record goes alone, and the replay must not take more than that range
    public async Task CrashDuringAnInsert_TheReplayInsertsTheSameRangeWithTheSameToken(int eagerBatchRows)
    {
        var spool = TestSpool.Create("crash");
        var store = new GatedStore();
        var options = Options(spool);
        options.AcknowledgeWhenSpooled = true;
        options.EagerBatchRows = eagerBatchRows;
        await using var crashed = Start(store, options);
        for (var i = 0; i < 3; i++)
        {
            await crashed.WriteAsync(Batch($"c{i}", 10), Cancellation);
        }

        // The insert is in flight (blocked): the files now are what a kill -9 at this moment leaves behind.
        // The gate opens whatever happens, or disposing the pipeline would wait for that insert forever.
        using var openAtEnd = new GateOpener(store);
        await store.FirstInsertStarted.WaitAsync(TestTimeouts.Default, Cancellation);
        var copy = TestSpool.Create("crash-copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(spool).Where(f => Path.GetFileName(f) != "lock"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        store.Open();
        await Eventually.UntilAsync(() => crashed.SpooledBytes == 0);
        var original = store.Inserts;

        var restarted = new GatedStore();
        restarted.Open();
        var replayOptions = Options(copy);
        replayOptions.EagerBatchRows = eagerBatchRows;
        await using var replay = Start(restarted, replayOptions);
        await Eventually.UntilAsync(() => replay.SpooledBytes == 0 && restarted.Inserts.Count > 0);

        // The insert that was in flight is repeated exactly: same range, same rows, same token, so ClickHouse drops it.
        Assert.Equal((original[0].Table, original[0].Rows, original[0].Token), (restarted.Inserts[0].Table, restarted.Inserts[0].Rows, restarted.Inserts[0].Token));
        var replayed = string.Concat(restarted.Inserts.Select(i => i.Rows));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, CountOf(replayed, $"\"c{i}\"")));
    }

    [Fact]
    public async Task BatchRefusedWhileStoreAnswersQueries_IsSetAsideOnDisk_AndLaterBatchesAreStored()
    {
        var spool = TestSpool.Create("poison");
        var store = new GatedStore { RefuseInserts = true };
        var options = Options(spool);
        options.AcknowledgeWhenSpooled = true;
        options.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(100);
        await using var pipeline = Start(store, options);
        store.Open();

        await pipeline.WriteAsync(Batch("poison", 10), Cancellation);
        await Eventually.UntilAsync(() => Directory.Exists(Path.Combine(spool, "rejected")) && pipeline.SpooledBytes == 0);
        store.RefuseInserts = false;
        await pipeline.WriteAsync(Batch("healthy", 10), Cancellation);
        await Eventually.UntilAsync(() => store.Inserts.Count == 1);

        var setAside = Assert.Single(Directory.GetFiles(Path.Combine(spool, "rejected")));
        Assert.Contains("\"poison\"", File.ReadAllText(setAside), StringComparison.Ordinal);
        Assert.Contains("\"healthy\"", store.Inserts[0].Rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskFullWhileQueriesWork_IsAnOutageNotBadData_TheBatchStaysSpooledUntilItGoesIn()
    {
        var spool = TestSpool.Create("disk_full");
        var store = new GatedStore { RefuseInserts = true, RefusalMessage = "Code: 243. DB::Exception: Cannot reserve 1.00 MiB, not enough space. (NOT_ENOUGH_SPACE)" };
        var options = Options(spool);
        options.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(20);
        await using var pipeline = Start(store, options);
        store.Open();

        Assert.Equal(IngestOutcome.Accepted, (await pipeline.WriteAsync(Batch("kept"), Cancellation)).Outcome);
        await Eventually.UntilAsync(() => pipeline.StorageFailing);

        // Three times the attempts a batch of bad data gets before it is set aside: still spooled, nothing set aside.
        await Eventually.UntilAsync(() => store.InsertAttempts >= 15);
        Assert.False(Directory.Exists(Path.Combine(spool, "rejected")));
        Assert.True(pipeline.SpooledBytes > 0);

        store.RefuseInserts = false;
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0);
        Assert.Contains("\"kept\"", Assert.Single(store.Inserts).Rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentWrites_AreGroupedIntoOneInsertPerTable()
    {
        var store = new GatedStore();
        await using var pipeline = Start(store, new ExportPipelineOptions { FlushInterval = TimeSpan.FromSeconds(5), MaxBatchRows = 3, SpoolDirectory = TestSpool.Create("group") });
        store.Open();
        var writes = Enumerable.Range(0, 3).Select(i => pipeline.WriteAsync(Batch($"g{i}", 10), TestContext.Current.CancellationToken).AsTask()).ToList();
        await Task.WhenAll(writes).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        var insert = Assert.Single(store.Inserts);
        Assert.Equal("ml_tags", insert.Table);
        Assert.Equal(3, insert.Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed class GateOpener(GatedStore store) : IDisposable
    {
        public void Dispose() => store.Open();
    }
}
