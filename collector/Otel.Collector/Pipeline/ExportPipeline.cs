using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;
using Otel.Collector.Export;
using Otel.Collector.Ingest;

namespace Otel.Collector.Pipeline;

/// <summary>
/// A bounded queue of encoded row batches and the single writer that drains it into ClickHouse in
/// large inserts (by size and time, never row by row). A request is acknowledged only once the
/// insert holding its rows has succeeded (group commit): what the collector acknowledges is stored.
/// </summary>
internal sealed partial class ExportPipeline : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingBatch> _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IClickHouseStore _store;
    private readonly ExportPipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportPipeline> _logger;
    private long _pendingBytes;
    private Task? _writer;

    public ExportPipeline(IClickHouseStore store, ExportPipelineOptions options, TimeProvider time, ILogger<ExportPipeline> logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Bytes accepted and not yet written.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    public bool IsRunning => _writer is { IsCompleted: false };

    /// <summary>Queues the batch and completes once it is stored, or at once with a throttle or unavailable outcome.</summary>
    public async ValueTask<IngestResult> WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var bytes = batch.TotalBytes;
        if (Interlocked.Add(ref _pendingBytes, bytes) > _options.MaxPendingBytes && bytes < _options.MaxPendingBytes)
        {
            Interlocked.Add(ref _pendingBytes, -bytes);
            return IngestResult.Throttle(_options.RetryAfter, $"the collector is busy: more than {_options.MaxPendingBytes} bytes are waiting to be stored; retry later");
        }

        var pending = new PendingBatch(batch, bytes);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _pendingBytes, -bytes);
            return IngestResult.Down(_options.RetryAfter, "the collector is shutting down; retry against another instance or later");
        }

        // The client may give up waiting, but the rows stay queued and will be written.
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Graceful shutdown: no new batches; everything queued is written before this returns.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var group = new List<PendingBatch>();
        while (await reader.WaitToReadAsync())
        {
            await CollectGroupAsync(reader, group);
            await WriteGroupAsync(group);
            group.Clear();
        }
    }

    private async Task CollectGroupAsync(ChannelReader<PendingBatch> reader, List<PendingBatch> group)
    {
        long rows = 0, bytes = 0;
        var deadline = _time.GetTimestamp() + (long)(_options.FlushInterval.TotalSeconds * _time.TimestampFrequency);
        while (rows < _options.MaxBatchRows && bytes < _options.MaxBatchBytes)
        {
            if (reader.TryRead(out var next))
            {
                group.Add(next);
                rows += next.Rows.TotalRows;
                bytes += next.Bytes;
                continue;
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || reader.Completion.IsCompleted)
            {
                return;
            }

            using var wait = new CancellationTokenSource(remaining, _time);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WriteGroupAsync(List<PendingBatch> group)
    {
        IngestResult outcome;
        try
        {
            foreach (var table in Enum.GetValues<StorageTable>())
            {
                var data = Concatenate(group, table);
                if (data.Length > 0)
                {
                    await _store.InsertAsync(table.Name(), "JSONEachRow", data);
                }
            }

            outcome = IngestResult.Ok;
        }
        catch (Exception ex)
        {
            LogWriteFailed(_logger, ex, group.Count, _store.Description);
            outcome = IngestResult.Down(_options.RetryAfter, $"storage is unavailable ({ex.Message}); retry later");
        }

        foreach (var pending in group)
        {
            Interlocked.Add(ref _pendingBytes, -pending.Bytes);
            pending.Rows.Dispose();
            pending.Stored.TrySetResult(outcome);
        }
    }

    private static ReadOnlyMemory<byte> Concatenate(List<PendingBatch> group, StorageTable table)
    {
        if (group.Count == 1)
        {
            return group[0].Rows.Rows(table);
        }

        var length = group.Sum(p => p.Rows.Rows(table).Length);
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var buffer = new byte[length];
        var offset = 0;
        foreach (var pending in group)
        {
            var rows = pending.Rows.Rows(table);
            rows.CopyTo(buffer.AsMemory(offset));
            offset += rows.Length;
        }

        return buffer;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Writing {Requests} request(s) to {Store} failed; they were answered as retryable")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int requests, string store);

    private sealed class PendingBatch(RowBatch rows, long bytes)
    {
        public RowBatch Rows { get; } = rows;
        public long Bytes { get; } = bytes;
        public TaskCompletionSource<IngestResult> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
