using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Spool;
using Otel.Collector.Telemetry;

namespace Otel.Collector.Pipeline;

/// <summary>
/// Accepted requests go to a write-ahead spool on disk, fsynced once per group of concurrent requests
/// (group commit), and a single shipper moves them from the spool into ClickHouse in large inserts, each
/// with a deduplication token so a replay after a crash is not stored twice. A request is acknowledged once
/// it is in ClickHouse (or, with <see cref="ExportPipelineOptions.AcknowledgeWhenSpooled"/> or while
/// ClickHouse fails, once it is spooled): what the collector acknowledges survives <c>kill -9</c>.
/// </summary>
internal sealed partial class ExportPipeline : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingRequest> _appends = Channel.CreateUnbounded<PendingRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _ackLock = new();
    private readonly Queue<PendingRequest> _awaitingStore = new();
    private readonly SemaphoreSlim _spooled = new(0);
    private readonly CancellationTokenSource _abandonShipping = new();
    private readonly IClickHouseStore _store;
    private readonly ExportPipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ExportPipeline> _logger;
    private readonly CollectorMeter? _meter;
    private readonly SpoolBacklog _backlog;
    private SpoolDirectory? _spool;
    private SpoolWriter? _writer;
    private SpoolPosition _durable;
    private long _pendingBytes;
    private long _spooledBytes;
    private bool _storageFailing;
    private volatile bool _appendsDone;
    private Task? _appendTask;
    private Task? _shipTask;

    public ExportPipeline(IClickHouseStore store, ExportPipelineOptions options, TimeProvider time, ILogger<ExportPipeline> logger, CollectorMeter? meter = null)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _meter = meter;
        _backlog = new SpoolBacklog(time);
        meter?.ObserveSpool(this);
    }

    /// <summary>Bytes of requests accepted and not yet answered.</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    /// <summary>Bytes spooled and not yet in ClickHouse.</summary>
    public long SpooledBytes => Interlocked.Read(ref _spooledBytes);

    /// <summary>Spool records (one per accepted request) not yet in ClickHouse.</summary>
    public long SpooledRecords => _backlog.Records;

    /// <summary>How long the oldest record not yet in ClickHouse has waited (records of an earlier run: since this start).</summary>
    public TimeSpan OldestSpooledAge => _backlog.OldestAge;

    /// <summary>True while the last attempt to store a batch failed; requests are then acknowledged once spooled.</summary>
    public bool StorageFailing
    {
        get
        {
            lock (_ackLock)
            {
                return _storageFailing;
            }
        }
    }

    public bool IsRunning => _shipTask is { IsCompleted: false };

    /// <summary>Spools the batch and completes once it is acknowledged, or at once with a throttle or unavailable outcome.</summary>
    public async ValueTask<IngestResult> WriteAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        var bytes = SpoolRecord.EncodedLength(batch);
        if (Interlocked.Add(ref _pendingBytes, bytes) > _options.MaxPendingBytes && bytes < _options.MaxPendingBytes)
        {
            Interlocked.Add(ref _pendingBytes, -bytes);
            batch.Dispose();
            return IngestResult.Throttle(_options.RetryAfter, $"the collector is busy: more than {_options.MaxPendingBytes} bytes are waiting to be stored; retry later");
        }

        if (SpooledBytes + bytes > _options.MaxSpoolBytes)
        {
            Interlocked.Add(ref _pendingBytes, -bytes);
            batch.Dispose();
            return StorageFailing
                ? IngestResult.Down(_options.RetryAfter, $"storage is unavailable and the spool is full ({_options.MaxSpoolBytes} bytes wait to be stored); retry later")
                : IngestResult.Throttle(_options.RetryAfter, $"the collector is behind: {_options.MaxSpoolBytes} spooled bytes wait to be stored; retry later");
        }

        var pending = new PendingRequest(batch, bytes);
        if (!_appends.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _pendingBytes, -bytes);
            batch.Dispose();
            return IngestResult.Down(_options.RetryAfter, "the collector is shutting down; retry against another instance or later");
        }

        // The client may give up waiting, but the request is spooled and will be stored.
        return await pending.Answer.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.SpoolDirectory))
        {
            throw new InvalidOperationException("the export pipeline needs a spool directory (ExportPipelineOptions.SpoolDirectory)");
        }

        _spool = SpoolDirectory.Open(_options.SpoolDirectory);
        if (_spool.SetAsideTail is { } corrupt)
        {
            LogCorrupt(_logger, new InvalidDataException("whole records at the end of the last segment failed their checksum"), corrupt);
        }

        _writer = new SpoolWriter(_spool, _options.SpoolSegmentBytes, _options.SpoolFsync);
        _durable = _writer.Durable;
        _spooledBytes = _spool.BytesAfter(_spool.Checkpoint.Stored);
        if (_spooledBytes > 0)
        {
            LogReplaying(_logger, _spooledBytes, _spool.Path);
            // Released by the shipper's checkpoint at the end of the earlier run's last record, not at the new writer's position.
            var (records, end) = SpoolReader.CountRecords(_spool, _spool.Checkpoint.Stored, _durable);
            _backlog.Spooled(end, records);
        }

        _appendTask = Task.Run(AppendLoopAsync, CancellationToken.None);
        _shipTask = Task.Run(() => ShipLoopAsync(_abandonShipping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Graceful shutdown: no new requests; everything accepted is spooled, then stored. If ClickHouse is failing,
    /// or <paramref name="cancellationToken"/> fires first, the rest stays in the spool for the next start.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _appends.Writer.TryComplete();
        if (_appendTask is null || _shipTask is null)
        {
            return;
        }

        await _appendTask;
        _appendsDone = true;
        _spooled.Release();
        try
        {
            await _shipTask.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandonShipping.CancelAsync();
            await _shipTask;
        }

        lock (_ackLock)
        {
            // Whatever still waits is durable in the spool.
            while (_awaitingStore.TryDequeue(out var waiting))
            {
                Answer(waiting, IngestResult.Ok);
            }
        }

        _writer!.Dispose();
        _spool!.Dispose();
        _appendTask = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _abandonShipping.Dispose();
        _spooled.Dispose();
    }

    /// <summary>Group commit: every request waiting when the previous fsync finished shares the next one.</summary>
    private async Task AppendLoopAsync()
    {
        var reader = _appends.Reader;
        var group = new List<PendingRequest>();
        while (await reader.WaitToReadAsync())
        {
            long bytes = 0;
            while (bytes < _options.MaxBatchBytes && reader.TryRead(out var next))
            {
                group.Add(next);
                bytes += next.Bytes;
            }

            SpoolGroup(group);
            group.Clear();
        }
    }

    private void SpoolGroup(List<PendingRequest> group)
    {
        var writer = _writer!;
        try
        {
            foreach (var pending in group)
            {
                pending.End = writer.Append(pending.Rows);
            }

            writer.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogSpoolWriteFailed(_logger, ex, group.Count, _spool!.Path);
            TryRollback(writer);
            foreach (var pending in group)
            {
                pending.Rows.Dispose();
                Answer(pending, IngestResult.Down(_options.RetryAfter, $"the collector could not write its spool ({ex.Message}); retry later"));
            }

            return;
        }

        lock (_ackLock)
        {
            _durable = writer.Durable;
            _backlog.Spooled(_durable, group.Count);
            foreach (var pending in group)
            {
                pending.Rows.Dispose();
                Interlocked.Add(ref _spooledBytes, pending.Bytes);
                if (_options.AcknowledgeWhenSpooled || _storageFailing)
                {
                    Answer(pending, IngestResult.Ok);
                }
                else
                {
                    _awaitingStore.Enqueue(pending);
                }
            }
        }

        _spooled.Release();
    }

    private void TryRollback(SpoolWriter writer)
    {
        try
        {
            writer.Rollback();
        }
        catch (IOException ex)
        {
            LogSpoolWriteFailed(_logger, ex, 0, _spool!.Path);
        }
    }

    private SpoolPosition Durable
    {
        get
        {
            lock (_ackLock)
            {
                return _durable;
            }
        }
    }

    private void Answer(PendingRequest pending, IngestResult result)
    {
        Interlocked.Add(ref _pendingBytes, -pending.Bytes);
        pending.Answer.TrySetResult(result);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Storing a batch in {Store} failed; it stays spooled and is retried in {Delay}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string store, TimeSpan delay);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Writing {Requests} request(s) to the spool {Spool} failed; they were answered as retryable")]
    private static partial void LogSpoolWriteFailed(ILogger logger, Exception exception, int requests, string spool);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Storing {Bytes} spooled bytes from {Spool} left by an earlier run")]
    private static partial void LogReplaying(ILogger logger, long bytes, string spool);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Storage is back: {Store} accepted a batch again")]
    private static partial void LogStoreRecovered(ILogger logger, string store);

    [LoggerMessage(EventId = 104, Level = LogLevel.Critical, Message = "Spool data is corrupt and was set aside as {File}; the rest of the spool is still stored")]
    private static partial void LogCorrupt(ILogger logger, Exception exception, string file);

    [LoggerMessage(EventId = 105, Level = LogLevel.Critical, Message = "ClickHouse refused a batch {Attempts} times while answering queries; the batch was set aside as {File} and the spool moves on")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, int attempts, string file);

    private sealed class PendingRequest(RowBatch rows, long bytes)
    {
        public RowBatch Rows { get; } = rows;

        public long Bytes { get; } = bytes;

        public SpoolPosition End { get; set; }

        public TaskCompletionSource<IngestResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
