using System.Diagnostics;
using Otel.Grafana.Tests.Harness.Scenarios;

[assembly: AssemblyFixture(typeof(GrafanaScenarios))]

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// The store every dashboard and alert query runs against: one embedded ClickHouse, one database per
/// <see cref="Scenario"/>, each seeded through a real in-process collector (OTLP, the query API, its jobs) with
/// times relative to the real now, so a panel's "last 6 hours" and an alert's relativeTimeRange see the data.
/// Tests take it in their constructor; <see cref="Names"/> gives variable values, <see cref="QueryAsync"/> runs SQL.
/// </summary>
public sealed class GrafanaScenarios : IAsyncLifetime
{
    private readonly Dictionary<Scenario, ScenarioCollector> _collectors = [];
    private string? _pricesFile;

    /// <summary>What was seeded (the same names in every scenario).</summary>
    public ScenarioNames Names { get; } = new();

    /// <summary>The minute every seeded time is relative to (the start of the minute seeding began in).</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>How long seeding took, for the record (docs/dashboards-testing.md).</summary>
    public TimeSpan SeedingTime { get; private set; }

    public async ValueTask InitializeAsync()
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
    }

    /// <summary>Runs <paramref name="sql"/> (tables named without a database) in <paramref name="scenario"/>'s database.</summary>
    public Task<QueryResult> QueryAsync(Scenario scenario, string sql) => _collectors[scenario].QueryAsync(sql);

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
