using System.Diagnostics;
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
    private readonly Dictionary<Scenario, ScenarioCollector> _collectors = [];
    private readonly Lazy<Task> _seeded;
    private string? _pricesFile;

    public GrafanaScenarios() => _seeded = new Lazy<Task>(SeedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

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

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Seeds every scenario, once; later calls wait for the same seeding.</summary>
    public Task EnsureSeededAsync() => _seeded.Value;

    /// <summary>Runs <paramref name="sql"/> (tables named without a database) in <paramref name="scenario"/>'s database.</summary>
    public async Task<QueryResult> QueryAsync(Scenario scenario, string sql)
    {
        await EnsureSeededAsync();
        return await _collectors[scenario].QueryAsync(sql);
    }

    private async Task SeedAsync()
    {
        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        Now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        _pricesFile = Path.Combine(Path.GetTempPath(), $"grafana-prices-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(_pricesFile, "currency: USD\ninstances:\n  - type: m5.xlarge\n    hourly: 0.20\n", TestContext.Current.CancellationToken);
        var started = await Task.WhenAll(Enum.GetValues<Scenario>().Select(async s => (Scenario: s, Collector: await ScenarioCollector.StartAsync(s, Now, _pricesFile))));
        foreach (var (scenario, collector) in started)
        {
            _collectors[scenario] = collector;
        }

        await Task.WhenAll(_collectors.Select(c => ScenarioSeeding.SeedAsync(c.Value, Names, c.Key)));
        SeedingTime = clock.Elapsed;
        SeededAt = TimeProvider.System.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var collector in _collectors.Values)
        {
            await collector.DisposeAsync();
        }

        if (_pricesFile is not null)
        {
            File.Delete(_pricesFile);
        }
    }
}
