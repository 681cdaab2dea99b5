using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Audit;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>The registry writer: its lease across collectors, and alias moves made through it.</summary>
public sealed class RegistryWriterTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_OnASecondCollectorNotHoldingTheLease_IsRefusedNamingTheHolder()
    {
        await using var first = await RegistryCollector.StartAsync("registry_writer_lease");
        await using var second = await RegistryCollector.StartAsync("registry_writer_lease_b", first.Store, waitForLease: false);
        var ran = false;

        var refused = await Assert.ThrowsAsync<RegistryWriterUnavailableException>(() =>
            second.Writer.WriteAsync((_, _) => Task.FromResult(ran = true), Cancellation).Within());

        Assert.False(ran);
        Assert.Equal(first.Host.Services.GetRequiredService<JobsHost>().Holder, refused.Holder);
        Assert.Contains(refused.Holder!, refused.Message, StringComparison.Ordinal);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.NotNull(first.Lease.HeldTerm);
    }

    [Fact]
    public async Task MoveAsync_SetMoveDelete_AliasesNowFollowAndEachMoveKeepsItsAuditEntry()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_alias_moves");
        await collector.Writer.SeedAsync("churn", 1, "seed").Within();
        await collector.Writer.SeedAsync("churn", 2, "seed").Within();
        var moves = collector.Host.Services.GetRequiredService<AliasMoves>();
        var queries = collector.Host.Services.GetRequiredService<RegistryQueries>();

        var set = await MoveAsync(collector, moves, "champion", 1);
        var moved = await MoveAsync(collector, moves, "champion", 2);
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 2 }, await queries.AliasesAsync("churn", Cancellation).Within());
        var deleted = await MoveAsync(collector, moves, "champion", 0);

        Assert.Empty(await queries.AliasesAsync("churn", Cancellation).Within());
        Assert.Equal([(1L, 0L), (2L, 1L), (0L, 2L)], [(set.Version, set.PreviousVersion), (moved.Version, moved.PreviousVersion), (deleted.Version, deleted.PreviousVersion)]);
        var history = await queries.MovesAsync("churn", Cancellation).Within();
        Assert.Equal([set.AuditEntryId, moved.AuditEntryId, deleted.AuditEntryId], history.Select(m => m.AuditEntryId));
        await Eventually.UntilAsync(async () => (await collector.Host.Services.GetRequiredService<AuditChain>()
            .ListAsync(new AuditFilter("model:churn@champion", null, null, null, null, 10), Cancellation)).Count == 3, "three alias entries were not sequenced");
        var sequenced = await collector.Host.Services.GetRequiredService<AuditChain>().ListAsync(new AuditFilter("model:churn@champion", null, null, null, null, 10), Cancellation).Within();
        Assert.Equal([AuditActions.AliasMove, AuditActions.AliasMove, AuditActions.AliasDelete], sequenced.OrderBy(e => e.Seq).Select(e => e.Action));
        Assert.Equal(history.Select(m => m.AuditEntryId), sequenced.OrderBy(e => e.Seq).Select(e => e.EntryId));
        Assert.All(sequenced, e => Assert.Equal("alice", e.Actor));
    }

    [Fact]
    public async Task MoveAsync_ToAnArchivedOrUnknownVersion_IsRefusedAndWritesNothing()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_alias_refusals");
        await collector.Writer.SeedAsync("churn", 1, "seed", archived: true).Within();
        var moves = collector.Host.Services.GetRequiredService<AliasMoves>();

        var archived = await Assert.ThrowsAsync<RegistryRefusal>(() => MoveAsync(collector, moves, "champion", 1));
        var unknown = await Assert.ThrowsAsync<RegistryRefusal>(() => MoveAsync(collector, moves, "champion", 7));
        var unset = await Assert.ThrowsAsync<RegistryRefusal>(() => MoveAsync(collector, moves, "champion", 0));
        var badAlias = await Assert.ThrowsAsync<RegistryRefusal>(() => MoveAsync(collector, moves, "Champion!", 1));

        Assert.Equal(
            [RegistryRefusalKind.Conflict, RegistryRefusalKind.NotFound, RegistryRefusalKind.NotFound, RegistryRefusalKind.BadInput],
            [archived.Kind, unknown.Kind, unset.Kind, badAlias.Kind]);
        Assert.Contains("archived", archived.Message, StringComparison.Ordinal);
        Assert.Empty(await collector.Host.Services.GetRequiredService<RegistryQueries>().MovesAsync("churn", Cancellation).Within());
    }

    [Fact]
    public async Task AliasesAtAsync_MovesWithinOneMillisecond_GetSuccessiveTimesAndHistoryIsExact()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_alias_ties");
        await collector.Writer.SeedAsync("churn", 1, "seed").Within();
        await collector.Writer.SeedAsync("churn", 2, "seed").Within();
        var moves = collector.Host.Services.GetRequiredService<AliasMoves>();
        var queries = collector.Host.Services.GetRequiredService<RegistryQueries>();
        var frozen = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T12:00:00.000Z", System.Globalization.CultureInfo.InvariantCulture));
        var context = new RegistryWriteContext(collector.Host.Services.GetRequiredService<ExportPipeline>(), frozen, 1);

        var first = await moves.MoveAsync(context, "alice", "churn", "champion", 1, AliasMoves.Set, null, Cancellation).Within();
        var second = await moves.MoveAsync(context, "bob", "churn", "champion", 2, AliasMoves.Set, null, Cancellation).Within();

        Assert.Equal(frozen.GetUtcNow(), first.MovedAt);
        Assert.Equal(frozen.GetUtcNow().AddMilliseconds(1), second.MovedAt);
        Assert.Empty(await queries.AliasesAtAsync("churn", first.MovedAt.AddMilliseconds(-1), Cancellation).Within());
        Assert.Equal(1, (await queries.AliasesAtAsync("churn", first.MovedAt, Cancellation).Within())["champion"]);
        Assert.Equal(2, (await queries.AliasesAtAsync("churn", second.MovedAt, Cancellation).Within())["champion"]);
    }

    private static Task<Otel.Tracking.Query.Registry.ModelAliasMove> MoveAsync(RegistryCollector collector, AliasMoves moves, string alias, long version) =>
        collector.Writer.WriteAsync((context, ct) => moves.MoveAsync(context, "alice", "churn", alias, version, version == 0 ? AliasMoves.Delete : AliasMoves.Set, null, ct), Cancellation).Within();
}
