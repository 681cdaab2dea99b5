using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Audit;

/// <summary>One collector's audit trail and sequencer over an embedded database of its own; tampering is done with SQL on that database.</summary>
internal sealed class AuditRig : IAsyncDisposable
{
    private readonly JobWakeups _wakeups = new();
    private int _recorded;

    private AuditRig(IClickHouseStore store, ExportPipeline pipeline)
    {
        Store = store;
        Pipeline = pipeline;
        Trail = new AuditTrail(pipeline, "rig", TimeProvider.System, _wakeups);
        Sequencer = new AuditSequencerJob(store, pipeline, new AuditOptions(), TimeProvider.System);
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public IClickHouseStore Store { get; }

    public ExportPipeline Pipeline { get; }

    public AuditTrail Trail { get; }

    public AuditSequencerJob Sequencer { get; }

    public static async Task<AuditRig> StartAsync(string name)
    {
        var store = await TestStores.CreateEmbeddedAsync(name, Cancellation);
        var pipeline = await StartPipelineAsync(store, name);
        return new AuditRig(store, pipeline);
    }

    public static async Task<ExportPipeline> StartPipelineAsync(IClickHouseStore store, string name)
    {
        var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create(name), FlushInterval = TimeSpan.FromMilliseconds(1) },
            TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(Cancellation);
        return pipeline;
    }

    /// <summary>Records <paramref name="count"/> entries and waits until the sequencer can see them all.</summary>
    public async Task<List<string>> RecordAsync(int count, string actor = "alice")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Trail.RecordAsync(actor, "test.record", $"thing:{i}", new System.Text.Json.Nodes.JsonObject { ["i"] = i }, Cancellation));
        }

        _recorded += count;
        await WaitForAsync($"SELECT count() >= {_recorded} FROM ml_audit_pending", "1");
        return ids;
    }

    /// <summary>Empties both audit tables, as a rewrite from scratch starts.</summary>
    public async Task TruncateAsync()
    {
        await ExecuteAsync("TRUNCATE TABLE ml_audit_log");
        await ExecuteAsync("TRUNCATE TABLE ml_audit_pending");
        _recorded = 0;
    }

    public Task SequenceAsync(ulong term = 1) =>
        Sequencer.RunOnceAsync(new JobRun(Sequencer.Name, term, "rig"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    public async Task<AuditVerification> VerifyAsync(string? anchor = null)
    {
        AuditAnchor? parsed = anchor is null ? null : AuditAnchor.TryParse(anchor, out var a) ? a : throw new ArgumentException(anchor);
        return AuditVerifier.Verify(await new AuditChain(Store).AllRowsAsync(Cancellation), parsed);
    }

    public Task ExecuteAsync(string sql) => Store.ExecuteAsync(sql, null, Cancellation);

    public async Task<long> CountAsync(string sql) =>
        long.Parse(Encoding.UTF8.GetString(await Store.QueryAsync(sql, "TabSeparated", null, Cancellation)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Inserts a log row directly, as a holder's late spool or an attacker would.</summary>
    public async Task InsertRowAsync(AuditRow row)
    {
        using var batch = new RowBatch();
        AuditRows.WriteEntry(batch, row, "direct");
        await Store.InsertAsync("ml_audit_log", "JSONEachRow", batch.For(StorageTable.MlAuditLog).WrittenMemory, null, Cancellation);
    }

    /// <summary>Polls <paramref name="sql"/> until it answers <paramref name="expected"/>, within the test timeout.</summary>
    public async Task WaitForAsync(string sql, string expected)
    {
        var started = Stopwatch.GetTimestamp();
        string answer;
        while ((answer = Encoding.UTF8.GetString(await Store.QueryAsync(sql, "TabSeparated", null, Cancellation)).Trim()) != expected)
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TestTimeouts.Default, $"{sql} answered {answer}, not {expected}, in time");
            await Task.Delay(20, Cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Store.DisposeAsync();
        _wakeups.Dispose();
    }
}
