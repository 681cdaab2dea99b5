using Otel.Collector.Ingest;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Spool;

namespace Otel.Collector.Pipeline;

/// <summary>The shipper: spool → ClickHouse, one group of records per insert, checkpointed after each.</summary>
internal sealed partial class ExportPipeline
{
    /// <summary>Failed inserts of one group, refused for its data while ClickHouse answers queries, before the group is set aside.</summary>
    private const int PoisonAttempts = 5;

    private async Task ShipLoopAsync(CancellationToken abandon)
    {
        var spool = _spool!;
        using var reader = new SpoolReader(spool, spool.Checkpoint.Stored);
        var replayUntil = spool.Checkpoint.InsertingUntil;
        var group = new ShipGroup(reader.Position);
        while (await CollectAsync(reader, group, replayUntil, abandon))
        {
            if (!await StoreAsync(group, abandon))
            {
                return;
            }

            replayUntil = null;
            group = new ShipGroup(reader.Position);
        }
    }

    /// <summary>
    /// Fills <paramref name="group"/> by size and time. The shipper is idle while it collects, so once everything durable
    /// is read, a group of <see cref="ExportPipelineOptions.EagerBatchRows"/> or more goes at once: under load the next
    /// group fills while this one is inserted (decoding overlaps inserting), and a trickle still waits for the flush
    /// interval, so ClickHouse does not make a part per small request. After a crash the first group is exactly the
    /// range that was being inserted, so it gets the same token. False when the pipeline stops and nothing is left to store.
    /// </summary>
    private async Task<bool> CollectAsync(SpoolReader reader, ShipGroup group, SpoolPosition? replayUntil, CancellationToken abandon)
    {
        long? deadline = null;
        while (true)
        {
            var durable = Durable;
            SpoolEntry? entry;
            try
            {
                entry = reader.TryRead(durable);
            }
            catch (InvalidDataException ex)
            {
                SetAsideCorruptSegment(reader, durable, ex);
                continue;
            }

            if (entry is not null)
            {
                group.Add(entry);
                if (replayUntil is { } until ? reader.Position >= until : group.Rows >= _options.MaxBatchRows || group.Bytes >= _options.MaxBatchBytes)
                {
                    return true;
                }

                deadline ??= _time.GetTimestamp() + (long)(_options.FlushInterval.TotalSeconds * _time.TimestampFrequency);
                continue;
            }

            if (_appendsDone && reader.Position >= Durable)
            {
                return group.Count > 0;
            }

            if (replayUntil is null && group.Count > 0 && group.Rows >= _options.EagerBatchRows)
            {
                return true;
            }

            var wait = Timeout.InfiniteTimeSpan;
            if (deadline is { } due)
            {
                wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
                if (wait <= TimeSpan.Zero)
                {
                    return true;
                }
            }

            try
            {
                await _spooled.WaitAsync(wait, abandon);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>Inserts the group until ClickHouse takes it; false when the pipeline stops first (the group stays spooled).</summary>
    private async Task<bool> StoreAsync(ShipGroup group, CancellationToken abandon)
    {
        var spool = _spool!;
        var token = $"spool-{group.Start.Segment}.{group.Start.Offset}-{group.End.Segment}.{group.End.Offset}";
        spool.WriteCheckpoint(new SpoolCheckpoint(group.Start, group.End));
        var delay = TimeSpan.FromMilliseconds(100);
        var refusals = 0;
        while (true)
        {
            try
            {
                // The tables of a group go in side by side: a part of each, so a group costs its slowest insert
                // instead of the sum (the embedded store runs them on separate connections). Runs go in after the
                // rest, so whoever sees a run sees what its group brought with it (params, metrics, datasets…).
                // A retry inserts every table again, and the tokens drop what was stored the first time.
                var inserts = group.Inserts(token).ToList();
                await Task.WhenAll(inserts.Where(i => i.Table != StorageTable.MlRuns).Select(insert => InsertTimedAsync(insert.Table, insert.Format, insert.Rows, insert.Token)));
                await Task.WhenAll(inserts.Where(i => i.Table == StorageTable.MlRuns).Select(insert => InsertTimedAsync(insert.Table, insert.Format, insert.Rows, insert.Token)));

                _meter?.Stored(group.Rows);

                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                MarkStorageFailing();
                if (InsertErrorCodes.IsDataError(ex) && await AnswersQueriesAsync() && ++refusals >= PoisonAttempts)
                {
                    var file = SetAside(group, token);
                    LogDeadLettered(_logger, ex, refusals, file);
                    _meter?.DeadLettered();
                    break;
                }

                if (_appendsDone)
                {
                    // Stopping while ClickHouse fails: the spool keeps the rest for the next start.
                    return false;
                }

                LogStoreFailed(_logger, ex, _store.Description, delay);
                _meter?.StoreRetried();
                try
                {
                    await Task.Delay(delay, _time, abandon);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxStoreRetryDelay.Ticks));
            }
        }

        spool.WriteCheckpoint(new SpoolCheckpoint(group.End, null));
        if (group.End.Segment > group.Start.Segment)
        {
            // Only a group that reached a later segment leaves whole segments behind it.
            spool.DeleteSegmentsBefore(group.End.Segment);
        }
        MarkStored(group);
        return true;
    }

    private void MarkStorageFailing()
    {
        lock (_ackLock)
        {
            _storageFailing = true;

            // Spooled is durable: nobody waits for ClickHouse while it is down.
            while (_awaitingStore.TryDequeue(out var waiting))
            {
                Answer(waiting, IngestResult.Ok);
            }
        }
    }

    private void MarkStored(ShipGroup group)
    {
        lock (_ackLock)
        {
            if (_storageFailing)
            {
                _storageFailing = false;
                LogStoreRecovered(_logger, _store.Description);
            }

            Interlocked.Add(ref _spooledBytes, -group.Bytes);
            _backlog.Stored(group.End);
            while (_awaitingStore.TryPeek(out var waiting) && waiting.End <= group.End)
            {
                Answer(_awaitingStore.Dequeue(), IngestResult.Ok);
            }
        }
    }

    private async Task<bool> AnswersQueriesAsync()
    {
        try
        {
            await _store.QueryAsync("SELECT 1", "TabSeparated");
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A group ClickHouse keeps refusing while healthy is kept beside the spool for inspection instead of blocking it.</summary>
    private string SetAside(ShipGroup group, string token)
    {
        var directory = Path.Combine(_spool!.Path, "rejected");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, token + ".rows");
        using var stream = File.Create(file);
        foreach (var insert in group.Inserts(token))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes($"-- INSERT INTO {insert.Table.Name()} FORMAT {insert.Format.InsertFormat()}, {insert.Rows.Length} bytes\n"));
            stream.Write(insert.Rows.Span);
            stream.Write("\n"u8);
        }

        return file;
    }

    private void SetAsideCorruptSegment(SpoolReader reader, SpoolPosition durable, InvalidDataException ex)
    {
        var segment = _spool!.SegmentPath(reader.Position.Segment);
        var aside = segment + ".corrupt";
        reader.SkipSegment(durable);
        File.Move(segment, aside, overwrite: true);
        LogCorrupt(_logger, ex, aside);
    }

    /// <summary>Consecutive spool records stored by one insert per table.</summary>
    private sealed class ShipGroup(SpoolPosition start)
    {
        private readonly List<SpoolEntry> _entries = [];

        public SpoolPosition Start { get; } = start;

        public SpoolPosition End { get; private set; } = start;

        public int Count => _entries.Count;

        public long Rows { get; private set; }

        public long Bytes { get; private set; }

        public void Add(SpoolEntry entry)
        {
            _entries.Add(entry);
            End = entry.End;
            Bytes += SpoolRecord.HeaderBytes + entry.Payload.Length;
            SpoolRecord.ForEachPart(entry.Payload, part => Rows += part.Rows);
        }

        /// <summary>
        /// One insert per table and format with the rows of every record, in the order tables are written. The
        /// inserts of one table share the group's token unless an earlier version's records put both formats in
        /// the group; the second then gets its own, so deduplication never mistakes one for a repeat of the other.
        /// </summary>
        public IEnumerable<ShipInsert> Inserts(string token)
        {
            var parts = new Dictionary<(StorageTable, RowFormat), List<ReadOnlyMemory<byte>>>();
            foreach (var entry in _entries)
            {
                SpoolRecord.ForEachPart(entry.Payload, part =>
                {
                    if (!parts.TryGetValue((part.Table, part.Format), out var list))
                    {
                        parts[(part.Table, part.Format)] = list = [];
                    }

                    list.Add(part.Bytes);
                });
            }

            foreach (var table in Enum.GetValues<StorageTable>())
            {
                foreach (var format in Enum.GetValues<RowFormat>())
                {
                    if (!parts.TryGetValue((table, format), out var list))
                    {
                        continue;
                    }

                    var mixed = format != RowFormat.JsonEachRow && parts.ContainsKey((table, RowFormat.JsonEachRow));
                    yield return new ShipInsert(table, format, RowParts.Concatenate(list), mixed ? $"{token}-{format}" : token);
                }
            }
        }
    }

    /// <summary>The rows of one insert and the deduplication token it carries.</summary>
    private readonly record struct ShipInsert(StorageTable Table, RowFormat Format, ReadOnlyMemory<byte> Rows, string Token);
}
