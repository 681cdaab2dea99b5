using Otel.Collector.Audit;

namespace Otel.Collector.Tests.Audit;

/// <summary>
/// The chain as the sequencer writes it through the spool, then tampered with directly in ClickHouse, as someone with
/// write access to the database would: every change is found, at the entry where it was made.
/// </summary>
public sealed class AuditVerifyTamperTests
{
    [Fact]
    public async Task Verify_SequencedEntries_IntactFromSeqOneWithoutGaps()
    {
        await using var rig = await AuditRig.StartAsync("audit_intact");
        var ids = await rig.RecordAsync(5);

        await rig.SequenceAsync();
        var result = await rig.VerifyAsync();

        Assert.True(result.Ok, result.FirstBad?.Reason);
        Assert.Equal(5, result.Entries);
        Assert.Equal(5UL, result.Head.Seq);
        var chained = await new AuditChain(rig.Store).ListAsync(new AuditFilter(null, null, null, null, null, 100), TestContext.Current.CancellationToken);
        Assert.Equal([1UL, 2, 3, 4, 5], chained.Select(r => r.Seq));
        Assert.Equal(ids, chained.Select(r => r.EntryId));
    }

    [Fact]
    public async Task Verify_EntryEdited_ReportsThatEntry()
    {
        await using var rig = await SequencedAsync("audit_edited");

        await rig.ExecuteAsync("ALTER TABLE ml_audit_log UPDATE Actor = 'mallory' WHERE Seq = 3 SETTINGS mutations_sync = 1");
        var result = await rig.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(3UL, result.FirstBad!.Seq);
        Assert.Contains("edited", result.FirstBad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_DetailsEditedIntoSomethingThatIsNotJson_ShowsThemAsText_AndVerifyReportsTheEntry()
    {
        await using var rig = await SequencedAsync("audit_details_not_json");

        await rig.ExecuteAsync("ALTER TABLE ml_audit_log UPDATE Details = '{not json' WHERE Seq = 4 SETTINGS mutations_sync = 1");
        var rows = await new AuditChain(rig.Store).ListAsync(new AuditFilter(null, null, null, null, null, 100), TestContext.Current.CancellationToken);
        var listed = rows.Select(AuditApi.ToRecord).ToList();
        var result = await rig.VerifyAsync();

        Assert.Equal(System.Text.Json.JsonValueKind.String, listed[3].Details.ValueKind);
        Assert.Equal("{not json", listed[3].Details.GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, listed[2].Details.ValueKind);
        Assert.False(result.Ok);
        Assert.Equal(4UL, result.FirstBad!.Seq);
    }

    [Fact]
    public async Task Verify_EntryDeleted_ReportsTheMissingSeq()
    {
        await using var rig = await SequencedAsync("audit_deleted");

        await rig.ExecuteAsync("ALTER TABLE ml_audit_log DELETE WHERE Seq = 2 SETTINGS mutations_sync = 1");
        var result = await rig.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(2UL, result.FirstBad!.Seq);
        Assert.Contains("missing", result.FirstBad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntryInserted_ReportsIt()
    {
        await using var rig = await SequencedAsync("audit_inserted");
        var second = (await new AuditChain(rig.Store).AllRowsAsync(TestContext.Current.CancellationToken))[1];

        // A forged entry made to follow entry 2 correctly, given entry 3's number.
        var forged = new AuditRow(3, 1, "forged", second.TimeMs, "mallory", "key.create", "key:backdoor", "{}", second.Hash,
            AuditHash.Compute(3, second.TimeMs, "mallory", "key.create", "key:backdoor", "{}", second.Hash));
        await rig.InsertRowAsync(forged);
        var result = await rig.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(3UL, result.FirstBad!.Seq);
    }

    [Fact]
    public async Task Verify_ForgedRowOfANewerTerm_ReportsTheEntriesItHides()
    {
        await using var rig = await SequencedAsync("audit_newer_term");

        // A row claiming a later lease term voids the rows after it; the entries they carried are then in no chain row.
        var forged = new AuditRow(1, 99, "forged", 0, "mallory", "key.create", "key:backdoor", "{}", AuditHash.Genesis,
            AuditHash.Compute(1, 0, "mallory", "key.create", "key:backdoor", "{}", AuditHash.Genesis));
        await rig.InsertRowAsync(forged);
        var result = await rig.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Contains("inserted", result.FirstBad!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntriesReordered_ReportsTheFirstMovedEntry()
    {
        await using var rig = await SequencedAsync("audit_reordered");

        await rig.ExecuteAsync("CREATE TABLE moved AS ml_audit_log");
        await rig.ExecuteAsync("INSERT INTO moved SELECT * FROM ml_audit_log WHERE Seq IN (2, 3)");
        await rig.ExecuteAsync("ALTER TABLE ml_audit_log DELETE WHERE Seq IN (2, 3) SETTINGS mutations_sync = 1");
        await rig.ExecuteAsync("INSERT INTO ml_audit_log SELECT 5 - Seq, Term, EntryId, Time, Actor, Action, Target, Details, PrevHash, Hash, SequencedBy FROM moved");
        var result = await rig.VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(2UL, result.FirstBad!.Seq);
    }

    [Fact]
    public async Task Verify_WholesaleRewrite_PassesAloneButFailsAgainstTheAnchor()
    {
        await using var rig = await SequencedAsync("audit_rewritten");
        var head = (await rig.VerifyAsync()).Head;
        var anchor = $"{head.Seq}:{head.Hash}";

        // Rewritten from scratch: a consistent chain of the same length, with other contents.
        await rig.TruncateAsync();
        await rig.RecordAsync(4, actor: "mallory");
        await rig.SequenceAsync();

        Assert.True((await rig.VerifyAsync()).Ok);
        var against = await rig.VerifyAsync(anchor);
        Assert.False(against.Ok);
        Assert.Equal(head.Seq, against.FirstBad!.Seq);
        Assert.Contains("rewritten", against.FirstBad.Reason, StringComparison.Ordinal);
        Assert.True((await rig.VerifyAsync($"{head.Seq}:{(await rig.VerifyAsync()).Head.Hash}")).Ok);
    }

    private static async Task<AuditRig> SequencedAsync(string name)
    {
        var rig = await AuditRig.StartAsync(name);
        await rig.RecordAsync(4);
        await rig.SequenceAsync();
        Assert.True((await rig.VerifyAsync()).Ok);
        return rig;
    }
}
