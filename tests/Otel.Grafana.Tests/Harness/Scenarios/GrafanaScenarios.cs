using System.Diagnostics;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

[assembly: AssemblyFixture(typeof(GrafanaScenarios))]

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// The store every dashboard and alert query runs against: one embedded ClickHouse, one database per
/// <see cref="Scenario"/>, each seeded through a real in-process collector (OTLP, the query API, its jobs) with
/// times relative to the real now, so a panel's "last 6 hours" and an alert's relativeTimeRange see the data.
/// Tests take it in their constructor; <see cref="Names"/> gives variable values, <see cref="QueryAsync"/> runs SQL.
/// Seeding starts with the first query, not with the assembly, so tests that never query (macro units, structure)
/// do not wait for it.
/// </summary>
public sealed class GrafanaScenarios : IAsyncLifetime
{
    /// <summary>
    /// How long a test waits for seeding: the steps are bounded at <see cref="ScenarioCollector.StepTimeout"/> each, and
    /// five collectors seeding at once on a shared 2-core machine under a load of 100 took 12 minutes.
    /// </summary>
    public static readonly TimeSpan SeedingTimeout = TimeSpan.FromMinutes(25);

    private readonly Dictionary<Scenario, IClickHouseStore> _stores = [];
    private readonly Lazy<Task> _seeded;
    private string? _pricesFile;

    public GrafanaScenarios() => _seeded = new Lazy<Task>(StartSeeding, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>What was seeded (the same names in every scenario).</summary>
    public ScenarioNames Names { get; } = new();

    /// <summary>The minute every seeded time is relative to (the start of the minute seeding began in); after <see cref="EnsureSeededAsync"/>.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>
    /// When seeding ended (the jobs had run): the "now" at which dashboards and alerts are evaluated, so a long test run
    /// on a busy machine still sees the last hour as seeded; after <see cref="EnsureSeededAsync"/>.
    /// </summary>
    public DateTimeOffset SeededAt { get; private set; }

    /// <summary>How long seeding took, for the record (docs/dashboards-testing.md).</summary>
    public TimeSpan SeedingTime { get; private set; }

    /// <summary>How long each scenario's collector took to start and each seeding step took.</summary>
    public SeedingSteps Steps { get; } = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Seeds every scenario, once; later calls wait for the same seeding (at most <see cref="SeedingTimeout"/>).</summary>
    public Task EnsureSeededAsync() => _seeded.Value.WaitAsync(SeedingTimeout, TestContext.Current.CancellationToken);

    /// <summary>Runs <paramref name="sql"/> (tables named without a database) in <paramref name="scenario"/>'s database.</summary>
    public async Task<QueryResult> QueryAsync(Scenario scenario, string sql)
    {
        await EnsureSeededAsync();
        var cancellationToken = TestContext.Current.CancellationToken;
        return QueryResult.Parse(await _stores[scenario].QueryAsync(sql, "JSON", null, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken));
    }

    /// <summary>
    /// Seeding belongs to the fixture, not to the test that asked first: without the flow of that test's context, the
    /// collectors' calls see xunit's idle context, which is never cancelled nor disposed when that test ends or times out.
    /// </summary>
    private Task StartSeeding()
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(SeedAsync);
        }
    }

    private async Task SeedAsync()
    {
        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        Now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        _pricesFile = Path.Combine(Path.GetTempPath(), $"grafana-prices-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(_pricesFile, "currency: USD\ninstances:\n  - type: m5.xlarge\n    hourly: 0.20\n");

        // One collector starts at a time (a store's migrations, then the writer's lease, which a starved machine misses
        // when five claim at once); the scenarios then seed in parallel.
        var collectors = new List<(Scenario Scenario, ScenarioCollector Collector)>();
        try
        {
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                await Steps.TimeAsync(scenario, "collector start", async () =>
                {
                    var store = await TestStores.CreateEmbeddedAsync("grafana_" + scenario);
                    _stores[scenario] = store;
                    collectors.Add((scenario, await ScenarioCollector.StartAsync(scenario, Now, _pricesFile!, store)));
                });
            }
        }
        catch
        {
            // The collectors that did start stop with the failure; their stores close with the fixture.
            foreach (var (_, started) in collectors)
            {
                await started.DisposeAsync();
            }

            throw;
        }

        await Task.WhenAll(collectors.Select(c => SeedAsync(c.Scenario, c.Collector)));
        SeedingTime = clock.Elapsed;
        SeededAt = TimeProvider.System.GetUtcNow();
    }

    /// <summary>
    /// One scenario through its collector. The collector stops once its rows are stored: tests only read, at
    /// <see cref="SeededAt"/>, and five idle collectors storing their own metrics and running their jobs would take the
    /// CPU the tests need for the whole run. The store stays, for the tests.
    /// </summary>
    private async Task SeedAsync(Scenario scenario, ScenarioCollector collector)
    {
        await using (collector)
        {
            await ScenarioSeeding.SeedAsync(collector, Names, scenario, Steps);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_seeded.IsValueCreated)
        {
            // Stores are closed only after seeding stopped writing to them, whatever its outcome.
            await Task.WhenAny(_seeded.Value, Task.Delay(SeedingTimeout));
        }

        foreach (var store in _stores.Values)
        {
            await store.DisposeAsync();
        }

        if (_pricesFile is not null)
        {
            File.Delete(_pricesFile);
        }
    }
}
