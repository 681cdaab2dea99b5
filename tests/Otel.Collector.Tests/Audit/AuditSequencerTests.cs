using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Audit;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Jobs;

namespace Otel.Collector.Tests.Audit;

/// <summary>One sequencer under the job lease: collectors competing for it, a holder dying, rows of an old term landing late.</summary>
public sealed class AuditSequencerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sequencer_RowsOfAnOldTermLandLate_NoForkAndNoEntryLost()
    {
        await using var rig = await AuditRig.StartAsync("audit_late_term");
        await rig.RecordAsync(3);
        await rig.SequenceAsync(term: 1);
        var ids = await rig.RecordAsync(3);
        var head = (await rig.VerifyAsync()).Head;

        // Term 2 numbers entries 4 and 5 and 6; then rows that the term-1 holder had spooled for the same entries land.
        await rig.SequenceAsync(term: 2);
        await rig.InsertRowAsync(new AuditRow(4, 1, ids[0], 0, "alice", "test.record", "thing:late", "{}", head.Hash,
            AuditHash.Compute(4, 0, "alice", "test.record", "thing:late", "{}", head.Hash)));
        var result = await rig.VerifyAsync();

        Assert.True(result.Ok, result.FirstBad?.Reason);
        Assert.Equal(6, result.Entries);
    }

    [Fact]
    public async Task Sequencer_OldTermNumberedAnEntryThatNoNewerRowHolds_TheNewTermNumbersItAgain()
    {
        await using var rig = await AuditRig.StartAsync("audit_voided_entry");
        await rig.RecordAsync(2);
        await rig.SequenceAsync(term: 1);
        var late = await rig.RecordAsync(1);
        var head = (await rig.VerifyAsync()).Head;

        // Term 1's row for the entry lands after term 2 began at seq 3 (with nothing else to number it wrote a row of its own).
        await rig.InsertRowAsync(new AuditRow(3, 2, "term-2-own", 0, "system", "test.record", "thing:own", "{}", head.Hash,
            AuditHash.Compute(3, 0, "system", "test.record", "thing:own", "{}", head.Hash)));
        await rig.ExecuteAsync("INSERT INTO ml_audit_pending (EntryId, Time, Actor, Action, Target, Details, AcceptedBy) VALUES ('term-2-own', 0, 'system', 'test.record', 'thing:own', '{}', 'rig')");
        var own = (await rig.VerifyAsync()).Head;
        await rig.InsertRowAsync(new AuditRow(4, 1, late[0], 0, "alice", "test.record", "thing:late", "{}", own.Hash,
            AuditHash.Compute(4, 0, "alice", "test.record", "thing:late", "{}", own.Hash)));
        Assert.False((await rig.VerifyAsync()).Ok);

        await rig.SequenceAsync(term: 2);
        var result = await rig.VerifyAsync();

        Assert.True(result.Ok, result.FirstBad?.Reason);
        Assert.Equal(4, result.Entries);
        Assert.Equal(1, await rig.CountAsync($"SELECT count() FROM ml_audit_log WHERE EntryId = '{late[0]}' AND Term = 2"));
    }

    [Fact]
    public async Task Sequencer_TwoCollectorsCompeteAndTheHolderDies_OneChainWithoutGapsHoldsEveryEntry()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("audit_two_sequencers", Cancellation);
        await using var a = await Member.StartAsync(store, "audit_two_a");
        await using var b = await Member.StartAsync(store, "audit_two_b");
        var recorded = new List<string>();

        // Both record and both try to sequence; the lease lets one of them.
        for (var round = 0; round < 6; round++)
        {
            recorded.Add(await a.Trail.RecordAsync("alice", "test.record", $"a:{round}", null, Cancellation));
            recorded.Add(await b.Trail.RecordAsync("bob", "test.record", $"b:{round}", null, Cancellation));
            await Task.WhenAll(a.PassAsync(), b.PassAsync());
        }

        var holder = await WaitForSequencedAsync(store, recorded.Count, a, b);
        var survivor = holder == a ? b : a;

        // The holder dies: it neither renews nor releases. Entries accepted meanwhile (by the survivor) wait for the lease.
        for (var round = 0; round < 4; round++)
        {
            recorded.Add(await survivor.Trail.RecordAsync("carol", "test.record", $"after:{round}", null, Cancellation));
        }

        await WaitForSequencedAsync(store, recorded.Count, survivor);

        var rows = await new AuditChain(store).AllRowsAsync(Cancellation);
        var result = AuditVerifier.Verify(rows, null);
        Assert.True(result.Ok, result.FirstBad?.Reason);
        Assert.Equal(recorded.Count, result.Entries);
        Assert.Equal(Enumerable.Range(1, recorded.Count).Select(i => (ulong)i), rows.Select(r => r.Seq));
        Assert.Equal(recorded.Order(StringComparer.Ordinal), rows.Select(r => r.EntryId).Order(StringComparer.Ordinal));
        Assert.True(rows.Select(r => r.Term).Distinct().Count() >= 2, "the survivor took over in a new term");
    }

    /// <summary>Passes of <paramref name="members"/> until the chain holds <paramref name="count"/> entries; returns the member that sequenced the last.</summary>
    private static async Task<Member> WaitForSequencedAsync(Otel.Collector.ClickHouse.IClickHouseStore store, int count, params Member[] members)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var head = await new AuditChain(store).HeadAsync(await new AuditChain(store).TermCutoffsAsync(Cancellation), Cancellation);
            if (head?.Seq >= (ulong)count)
            {
                var by = System.Text.Encoding.UTF8.GetString(await store.QueryAsync(
                    $"SELECT SequencedBy FROM ml_audit_log WHERE Seq = {head.Seq} AND Term = {head.Term}", "TabSeparated", null, Cancellation)).Trim();
                return members.Single(m => m.Host.Holder == by);
            }

            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TestTimeouts.Default, $"only {head?.Seq ?? 0} of {count} entries sequenced in time");
            await Task.WhenAll(members.Select(m => m.PassAsync()));
            await Task.Delay(25, Cancellation);
        }
    }

    /// <summary>One collector's trail, pipeline and jobs host (sequencer only), on real time with the lease rig's short leases.</summary>
    private sealed class Member : IAsyncDisposable
    {
        private readonly JobWakeups _wakeups = new();

        private Member(ExportPipeline pipeline, JobsHost host)
        {
            Pipeline = pipeline;
            Host = host;
            Trail = new AuditTrail(pipeline, host.Holder, TimeProvider.System, _wakeups);
        }

        public ExportPipeline Pipeline { get; }

        public JobsHost Host { get; }

        public AuditTrail Trail { get; }

        public static async Task<Member> StartAsync(Otel.Collector.ClickHouse.IClickHouseStore store, string name)
        {
            var pipeline = await AuditRig.StartPipelineAsync(store, name);
            var job = new AuditSequencerJob(store, pipeline, new AuditOptions { SequenceInterval = TimeSpan.FromMilliseconds(50) }, TimeProvider.System);
            var host = new JobsHost([job], store, LeaseRig.Options, new JobWakeups(), TimeProvider.System, NullLogger<JobsHost>.Instance, holder: $"{name}:{Guid.NewGuid():N}");
            return new Member(pipeline, host);
        }

        public Task<TimeSpan> PassAsync() => Host.RunDueAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            _wakeups.Dispose();
        }
    }
}
