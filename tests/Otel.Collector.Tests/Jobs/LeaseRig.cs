using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Jobs;

/// <summary>
/// Several jobs hosts (as on several collectors) sharing one database and one job that records every run. Leases
/// are short because ClickHouse's own clock judges them: expiry cannot be faked, only waited for. Each host's clock is
/// a fake that the rig moves at its own rate and offset before each of the host's passes.
/// </summary>
internal sealed class LeaseRig(IClickHouseStore store)
{
    public const string JobName = "lease-test";

    public static readonly JobOptions Options = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        ClaimWindow = TimeSpan.FromMilliseconds(300),
        Settle = TimeSpan.FromMilliseconds(200),
    };

    private readonly List<Run> _runs = [];

    public IClickHouseStore Store => store;

    public IReadOnlyList<Run> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    /// <summary>A host whose clock starts <paramref name="offset"/> away from real time and runs at <paramref name="rate"/> × real time.</summary>
    public Member Add(string name, TimeSpan offset = default, double rate = 1)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + offset);
        var job = new RecordingJob(this, name);
        var host = new JobsHost([job], store, Options, new JobWakeups(), clock, NullLogger<JobsHost>.Instance, holder: $"{name}:{Guid.NewGuid():N}");
        return new Member(name, host, clock, rate);
    }

    /// <summary>Passes of the given hosts, all at once, until <paramref name="condition"/> holds (bounded by the test timeout).</summary>
    public async Task PassUntilAsync(Func<bool> condition, params Member[] members)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TestTimeouts.Default)
            {
                Assert.Fail($"condition not met in time; runs: {string.Join(", ", Runs.Select(r => $"{r.Member}@{r.Term}"))}; lease rows:\n{await LeaseRowsAsync()}");
            }

            await Task.WhenAll(members.Select(m => m.PassAsync()));
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Never two holders at once: ordered by start, terms never go back; each term is run by one holder; and runs of
    /// different holders never overlap in time.
    /// </summary>
    public void AssertNeverTwoHolders()
    {
        var runs = Runs.OrderBy(r => r.Started).ToList();
        Assert.NotEmpty(runs);
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].Term >= runs[i - 1].Term, $"term went back from {runs[i - 1].Term} ({runs[i - 1].Member}) to {runs[i].Term} ({runs[i].Member})");
            if (runs[i].Member != runs[i - 1].Member)
            {
                Assert.True(runs[i].Started >= runs[i - 1].Ended, $"{runs[i].Member} started while {runs[i - 1].Member} was running");
            }
        }

        foreach (var term in runs.GroupBy(r => r.Term))
        {
            Assert.Single(term.Select(r => r.Member).Distinct());
        }
    }

    private async Task<string> LeaseRowsAsync() => System.Text.Encoding.UTF8.GetString(await store.QueryAsync(
        "SELECT Term, Holder, Kind, At, ExpiresAt, Extends FROM ml_job_leases ORDER BY At, Holder", "TabSeparated", null, CancellationToken.None));

    public async Task<long> ScalarAsync(string sql, QueryParameters? parameters = null)
    {
        var output = await store.QueryAsync(sql, "TabSeparated", parameters, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        return long.Parse(System.Text.Encoding.UTF8.GetString(output).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One run: who, in which term, when (a shared monotonic clock), and ClickHouse's time at its start.</summary>
    public sealed record Run(string Member, ulong Term, long Started, long Ended, long ServerMs);

    public sealed class Member(string name, JobsHost host, FakeTimeProvider clock, double rate)
    {
        private long _synced = Stopwatch.GetTimestamp();

        public string Name => name;

        public JobsHost Host => host;

        public async Task PassAsync()
        {
            var now = Stopwatch.GetTimestamp();
            clock.Advance(Stopwatch.GetElapsedTime(_synced, now) * rate);
            _synced = now;
            await host.RunDueAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        }
    }

    private sealed class RecordingJob(LeaseRig rig, string member) : IJob
    {
        public string Name => JobName;

        public TimeSpan Interval => TimeSpan.Zero;

        public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var output = await rig.Store.QueryAsync("SELECT toUnixTimestamp64Milli(now64(3)) AS Ms", "JSONEachRow", null, cancellationToken);
            var serverMs = JsonRows.Parse(output).Single().Int64("Ms");
            lock (rig._runs)
            {
                rig._runs.Add(new Run(member, run.Term, started, Stopwatch.GetTimestamp(), serverMs));
            }
        }
    }
}
