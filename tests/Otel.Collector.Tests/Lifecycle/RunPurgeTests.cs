using Otel.Collector.ClickHouse;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>The purge job: a deleted run's data goes after the grace (fake clock), held and registered runs stay, shared blobs stay.</summary>
public sealed class RunPurgeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddTicks((long)(T0 / 100)).AddDays(1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Purge_AfterGrace_RemovesEveryRowAndUnsharedBlob_SparesHeldRegisteredAndSharedBlobs()
    {
        await using var rig = await LifecycleRig.StartAsync("purge_grace", Now);
        var gone = await rig.SendRunAsync("gone", "purge", [T0 + Second], "bytes only gone has");
        await rig.SendRunAsync("gone-shared", "purge", [], "bytes two runs share");
        var shared = await rig.SendRunAsync("keeper", "purge", [T0 + Second], "bytes two runs share");
        await rig.SendRunAsync("held", "purge", [T0 + Second]);
        var registered = await rig.SendRunAsync("registered", "purge", [T0 + Second], "the registered model");
        await rig.RegisterAsync("registered", registered!);
        foreach (var run in new[] { "gone", "gone-shared", "held", "registered" })
        {
            Assert.NotNull((await rig.Service.DeleteAsync(run, "alice", Cancellation)).Record);
        }

        Assert.NotNull((await rig.Service.HoldAsync("held", hold: true, "legal", Cancellation)).Record);
        var before = await rig.RowsOfAsync("gone");
        Assert.True(before["ml_runs"] > 0 && before["ml_metrics"] > 0 && before["otel_traces"] > 0 && before["ml_artifacts"] > 0, string.Join(", ", before));

        rig.Clock.Advance(TimeSpan.FromDays(29));
        await LifecycleRig.RunAsync(rig.PurgeJob());
        Assert.Equal(before, await rig.RowsOfAsync("gone"));

        rig.Clock.Advance(TimeSpan.FromDays(2));
        await LifecycleRig.RunAsync(rig.PurgeJob());

        Assert.All(await rig.RowsOfAsync("gone"), table => Assert.True(table.Value == 0, $"{table.Key} still has {table.Value} rows of the purged run"));
        Assert.Null(await rig.Artifacts.GetSizeAsync(gone!, Cancellation));
        Assert.NotNull(await rig.Artifacts.GetSizeAsync(shared!, Cancellation));
        Assert.NotNull(await rig.Artifacts.GetSizeAsync(registered!, Cancellation));
        foreach (var spared in new[] { "held", "registered", "keeper" })
        {
            var rows = await rig.RowsOfAsync(spared);
            Assert.True(rows["ml_runs"] > 0 && rows["ml_metrics"] > 0 && rows["otel_traces"] > 0, $"{spared}: {string.Join(", ", rows)}");
        }

        Assert.Equal(2, await rig.CountAsync("SELECT count() FROM ml_audit_pending WHERE Action = 'run.purged' AND Actor = 'system:purge' AND Target IN ('run:gone', 'run:gone-shared') AND {id:String} = ''", string.Empty));
    }

    [Fact]
    public async Task Purge_KilledBetweenTables_IsFinishedByTheNextPass()
    {
        await using var rig = await LifecycleRig.StartAsync("purge_interrupted", Now);
        await rig.SendRunAsync("cut", "purge", [T0 + Second, T0 + (2 * Second)], "cut's model");
        await rig.Service.DeleteAsync("cut", "alice", Cancellation);
        rig.Clock.Advance(TimeSpan.FromDays(31));

        // The fifth delete fails, as if the collector were killed there.
        var failing = new FailingDeleteStore(rig.Store, failAt: 5);
        await Assert.ThrowsAsync<ClickHouseException>(() => LifecycleRig.RunAsync(rig.PurgeJob(failing)));
        var halfway = await rig.RowsOfAsync("cut");
        Assert.True(halfway["ml_runs"] > 0 && halfway["ml_run_lifecycle"] > 0, string.Join(", ", halfway));

        await LifecycleRig.RunAsync(rig.PurgeJob());

        Assert.All(await rig.RowsOfAsync("cut"), table => Assert.True(table.Value == 0, $"{table.Key} still has {table.Value} rows"));
    }

    /// <summary>A store whose N-th DELETE statement fails.</summary>
    private sealed class FailingDeleteStore(IClickHouseStore inner, int failAt) : IClickHouseStore
    {
        private int _deletes;

        public string Database => inner.Database;

        public string Description => inner.Description;

        public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
            sql.StartsWith("DELETE", StringComparison.Ordinal) && Interlocked.Increment(ref _deletes) == failAt
                ? Task.FromException(new ClickHouseException("killed between two deletes"))
                : inner.ExecuteAsync(sql, parameters, cancellationToken);

        public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(sql, format, parameters, cancellationToken);

        public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default) =>
            inner.InsertAsync(table, format, rows, deduplicationToken, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
