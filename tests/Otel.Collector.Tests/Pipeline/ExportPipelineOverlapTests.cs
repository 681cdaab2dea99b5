using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.ClickHouse;
using Otel.Collector.Pipeline;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Pipeline;

/// <summary>Adaptive batching: under load the next group fills while one is inserted; a trickle still waits for the flush interval.</summary>
public sealed class ExportPipelineOverlapTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SteadyStream_WhatArrivesDuringAnInsert_IsTheNextGroup_StoredWithoutWaitingForTheFlushInterval()
    {
        var store = new SteppedStore();
        var options = new ExportPipelineOptions
        {
            SpoolDirectory = TestSpool.Create("overlap"),
            AcknowledgeWhenSpooled = true,
            EagerBatchRows = 1,
            FlushInterval = TimeSpan.FromHours(1), // only the eager rule can start these inserts within the test's timeout
        };
        await using var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);

        await pipeline.WriteAsync(Batch("first"), Cancellation);
        var firstInsert = await store.Started.ReadAsync(Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        await pipeline.WriteAsync(Batch("second"), Cancellation);
        await pipeline.WriteAsync(Batch("third"), Cancellation);
        store.Release();
        var secondInsert = await store.Started.ReadAsync(Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        store.Release();
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0);

        Assert.Contains("\"first\"", firstInsert.Rows, StringComparison.Ordinal);
        Assert.DoesNotContain("\"second\"", firstInsert.Rows, StringComparison.Ordinal);
        Assert.Contains("\"second\"", secondInsert.Rows, StringComparison.Ordinal);
        Assert.Contains("\"third\"", secondInsert.Rows, StringComparison.Ordinal);
        Assert.NotEqual(firstInsert.Token, secondInsert.Token);
    }

    [Fact]
    public async Task Trickle_GroupBelowTheEagerSize_WaitsForTheFlushInterval()
    {
        var store = new SteppedStore();
        var flush = TimeSpan.FromMilliseconds(300);
        var options = new ExportPipelineOptions
        {
            SpoolDirectory = TestSpool.Create("trickle"),
            AcknowledgeWhenSpooled = true,
            EagerBatchRows = 2,
            FlushInterval = flush,
        };
        await using var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);

        var written = Stopwatch.GetTimestamp();
        await pipeline.WriteAsync(Batch("lonely"), Cancellation);
        var insert = await store.Started.ReadAsync(Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        var waited = Stopwatch.GetElapsedTime(written);
        store.Release();

        // The shipper's deadline starts when it reads the record, after the write began: never earlier than the interval.
        Assert.True(waited >= flush, $"a one-row group was inserted after {waited.TotalMilliseconds:0} ms, before the {flush.TotalMilliseconds:0} ms flush interval");
        Assert.Contains("\"lonely\"", insert.Rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_WithARunAndItsMetrics_RunRowsGoInOnlyAfterEveryOtherTableOfTheGroup()
    {
        var store = new SteppedStore();
        var options = new ExportPipelineOptions
        {
            SpoolDirectory = TestSpool.Create("runs_last"),
            AcknowledgeWhenSpooled = true,
            FlushInterval = TimeSpan.FromMilliseconds(10),
        };
        await using var pipeline = new ExportPipeline(store, options, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);
        var batch = Batch("run-1");
        var run = batch.For(Otel.Collector.Sinks.Rows.StorageTable.MlRuns).BeginRow();
        run.WriteString("RunId", "run-1");
        batch.For(Otel.Collector.Sinks.Rows.StorageTable.MlRuns).EndRow();

        await pipeline.WriteAsync(batch, Cancellation);
        var first = await store.Started.ReadAsync(Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        store.Release();
        var last = await store.Started.ReadAsync(Cancellation).AsTask().WaitAsync(TestTimeouts.Default, Cancellation);
        store.Release();
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0);

        Assert.Equal("ml_tags", first.Table);
        Assert.Equal("ml_runs", last.Table);
        Assert.Equal(0, last.InFlight);
    }

    /// <summary>A store whose every insert announces itself and then waits for its own <see cref="Release"/>.</summary>
    private sealed class SteppedStore : IClickHouseStore
    {
        private readonly Channel<(string Table, string Rows, string? Token, int InFlight)> _started = Channel.CreateUnbounded<(string Table, string Rows, string? Token, int InFlight)>();
        private int _inFlight;
        private readonly SemaphoreSlim _releases = new(0);

        /// <summary>Each insert as it starts, with how many other inserts were in flight then.</summary>
        public ChannelReader<(string Table, string Rows, string? Token, int InFlight)> Started => _started.Reader;

        public string Database => "stepped";

        public string Description => "stepped test store";

        public void Release() => _releases.Release();

        public async Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
        {
            var others = Interlocked.Increment(ref _inFlight) - 1;
            _started.Writer.TryWrite((table, System.Text.Encoding.UTF8.GetString(rows.Span), deduplicationToken, others));
            try
            {
                if (!await _releases.WaitAsync(TestTimeouts.Default, cancellationToken))
                {
                    throw new TimeoutException("the test never released this insert");
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Array.Empty<byte>());

        public ValueTask DisposeAsync()
        {
            _releases.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
