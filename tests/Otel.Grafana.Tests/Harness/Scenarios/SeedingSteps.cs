using System.Collections.Concurrent;
using System.Diagnostics;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>How long each seeding step took, per scenario: where the fixture's time goes (docs/dashboards-testing.md).</summary>
public sealed class SeedingSteps
{
    private readonly ConcurrentQueue<(Scenario Scenario, string Step, TimeSpan Took)> _steps = new();

    public async Task TimeAsync(Scenario scenario, string step, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        _steps.Enqueue((scenario, step, clock.Elapsed));
    }

    /// <summary>One line per step, slowest first: <c>Failing training 12.3 s</c>.</summary>
    public override string ToString() => string.Join('\n', _steps.OrderByDescending(s => s.Took)
        .Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Scenario} {s.Step} {s.Took.TotalSeconds:0.0} s")));
}
