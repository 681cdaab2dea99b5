using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Jobs;

/// <summary>Jobs hosts competing for one job's lease in a real embedded ClickHouse.</summary>
public sealed class JobLeaseTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHolders_CompeteForOneJob_ExactlyOneRunsEachTerm()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lease_compete", Cancellation);
        var rig = new LeaseRig(store);
        var a = rig.Add("a");
        var b = rig.Add("b");

        // Both claim the first term within its window; one wins and runs while the other keeps competing.
        await rig.PassUntilAsync(() => rig.Runs.Count >= 5, a, b);
        Assert.Equal(2, await rig.ScalarAsync("SELECT count() FROM ml_job_leases WHERE Term = 1 AND Kind = 'claim'"));
        var first = rig.Runs[0].Member;
        Assert.All(rig.Runs, r => Assert.Equal((first, 1UL), (r.Member, r.Term)));

        // The winner dies twice over (each time the other holder goes silent); each term still has one runner.
        var (holder, other) = first == "a" ? (a, b) : (b, a);
        for (var term = 2UL; term <= 3; term++)
        {
            await rig.PassUntilAsync(() => rig.Runs[^1].Member == other.Name, other);
            await rig.PassUntilAsync(() => rig.Runs.Count(r => r.Term == term) >= 3, a, b);
            (holder, other) = (other, holder);
        }

        Assert.Equal([1UL, 2UL, 3UL], rig.Runs.Select(r => r.Term).Distinct().Order());
        rig.AssertNeverTwoHolders();
    }

    [Fact]
    public async Task Holder_StopsRenewing_OtherTakesOverOnlyAfterItsLeaseExpired()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lease_expiry", Cancellation);
        var rig = new LeaseRig(store);
        var dead = rig.Add("dead");
        var heir = rig.Add("heir");
        await rig.PassUntilAsync(() => rig.Runs.Count >= 1, dead);

        // From now on only the heir passes, as fast as it can: it must wait for ClickHouse's clock to pass the expiry.
        await rig.PassUntilAsync(() => rig.Runs.Any(r => r.Member == heir.Name), heir);

        var expiry = await rig.ScalarAsync(
            "SELECT toUnixTimestamp64Milli(max(ExpiresAt)) FROM ml_job_leases WHERE Holder = {holder:String}",
            new QueryParameters().Add("holder", dead.Host.Holder));
        var takeover = rig.Runs.First(r => r.Member == heir.Name);
        Assert.True(takeover.ServerMs >= expiry, $"the heir ran at {takeover.ServerMs}, before the lease expired at {expiry}");
        Assert.Equal(2UL, takeover.Term);
        rig.AssertNeverTwoHolders();
    }

    [Fact]
    public async Task SkewedClocks_OneBehindAndSlow_OneAheadAndFast_NeverTwoHolders()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lease_skew", Cancellation);
        var rig = new LeaseRig(store);
        var slow = rig.Add("slow", offset: TimeSpan.FromHours(-1), rate: 0.5);
        var fast = rig.Add("fast", offset: TimeSpan.FromHours(1), rate: 2);
        await rig.PassUntilAsync(() => rig.Runs.Count >= 3, slow, fast);

        // The holder is paused past its lease (a GC pause, a stopped VM); the other takes over; the paused one comes
        // back believing, by its own clock, that little time has passed. It must not run beside the new holder.
        var paused = rig.Runs[0].Member == slow.Name ? slow : fast;
        var other = paused == slow ? fast : slow;
        await rig.PassUntilAsync(() => rig.Runs[^1].Member == other.Name, other);
        var runsBefore = rig.Runs.Count;
        await rig.PassUntilAsync(() => rig.Runs.Count >= runsBefore + 5, paused, other);

        Assert.All(rig.Runs.Skip(runsBefore), r => Assert.Equal(other.Name, r.Member));
        rig.AssertNeverTwoHolders();
    }

    [Fact]
    public async Task Holder_StoppingGracefully_ReleasesItsLease_SoTheOtherNeedNotWaitForExpiry()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("lease_release", Cancellation);
        var rig = new LeaseRig(store);
        var leaving = rig.Add("leaving");
        var staying = rig.Add("staying");
        await rig.PassUntilAsync(() => rig.Runs.Count >= 1, leaving);
        await leaving.Host.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        await rig.PassUntilAsync(() => rig.Runs.Any(r => r.Member == staying.Name), staying);

        var expiry = await rig.ScalarAsync(
            "SELECT toUnixTimestamp64Milli(max(ExpiresAt)) FROM ml_job_leases WHERE Holder = {holder:String} AND Kind != 'release'",
            new QueryParameters().Add("holder", leaving.Host.Holder));
        Assert.True(rig.Runs.First(r => r.Member == staying.Name).ServerMs < expiry, "the other holder waited for the released lease to expire");
        rig.AssertNeverTwoHolders();
    }
}
