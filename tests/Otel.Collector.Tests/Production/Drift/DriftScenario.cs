using OpenTelemetry.Proto.Metrics.V1;
using Otel.Tracking.Query.Registry;

using static Otel.Testing.ServingTelemetry;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>
/// One collector for the drift tests, seeded once over OTLP: model <c>churn</c> version 1 served 2,000 predictions whose
/// <c>age</c> shifted upwards while <c>income</c>, <c>country</c> and the <c>score</c> output kept their training
/// proportions (histograms and counters, delta and cumulative, plus an income stream binned on other bounds); version 2
/// served 20; version 3 has no baseline; model <c>loan</c> served 20 too; model <c>idle</c> has a baseline and no traffic.
/// </summary>
public sealed class DriftScenario : IAsyncLifetime
{
    public static readonly double[] AgeBounds = [20, 30, 40, 50, 60];
    public static readonly long[] AgeBaseline = [100, 200, 300, 250, 100, 50];
    public static readonly long[] AgeShifted = [20, 60, 200, 500, 700, 520];
    public static readonly long[] AgeSmall = [2, 4, 6, 5, 2, 1];
    public static readonly double[] IncomeBounds = [1, 2, 3];
    public static readonly long[] IncomeBaseline = [250, 250, 250, 250];
    public static readonly long[] CountryBaseline = [400, 300, 200, 100];
    public static readonly long[] CountryServed = [800, 600, 400, 200];
    public static readonly double[] ScoreBounds = [0.25, 0.5, 0.75];
    public static readonly long[] ScoreBaseline = [100, 400, 400, 100];

    /// <summary>Every measurement version 1 sent: 2,000 per distribution and 300 on other bounds.</summary>
    public const long Version1Measurements = 8300;

    private DriftRig? _rig;

    internal DriftRig Rig => _rig ?? throw new InvalidOperationException("the scenario has not started");

    public static List<BaselineDistribution> Baseline() =>
    [
        new() { Name = "age", Kind = "feature", Type = "numeric", Bounds = [.. AgeBounds], Counts = [.. AgeBaseline] },
        new() { Name = "income", Kind = "feature", Type = "numeric", Bounds = [.. IncomeBounds], Counts = [.. IncomeBaseline] },
        new() { Name = "country", Kind = "feature", Type = "categorical", Categories = ["FR", "DE", "US"], Counts = [.. CountryBaseline] },
        new() { Name = "score", Kind = "prediction", Type = "numeric", Bounds = [.. ScoreBounds], Counts = [.. ScoreBaseline] },
    ];

    public async ValueTask InitializeAsync()
    {
        // The host's own drift job runs once at start only: the tests run the job themselves, on a clock they choose.
        _rig = await DriftRig.StartAsync("drift_scenario", options => options.Drift.Interval = TimeSpan.FromHours(1));
        Assert.Equal(1, await Rig.RegisterAsync("churn", Baseline()));
        Assert.Equal(2, await Rig.RegisterAsync("churn", Baseline()));
        Assert.Equal(3, await Rig.RegisterAsync("churn", null));
        Assert.Equal(1, await Rig.RegisterAsync("idle", Baseline()));
        Assert.Equal(1, await Rig.RegisterAsync("loan", Baseline()));

        var start = Rig.Start;
        await Rig.SendAsync("churn", 1,
            Histogram("age", AgeBounds, AgeShifted, AggregationTemporality.Cumulative, start),
            Histogram("income", IncomeBounds, [.. IncomeBaseline.Select(c => c * 2)], AggregationTemporality.Delta, start),
            Histogram("income", [1.5, 2.5], [100, 100, 100], AggregationTemporality.Delta, start),
            Categories("country", new Dictionary<string, long> { ["FR"] = 800, ["DE"] = 600, ["US"] = 400, ["JP"] = 120, ["__other__"] = 80 },
                AggregationTemporality.Cumulative, start),
            Histogram("score", ScoreBounds, [.. ScoreBaseline.Select(c => c * 2)], AggregationTemporality.Delta, start, prediction: true));
        await Rig.SendAsync("churn", 2, Histogram("age", AgeBounds, AgeSmall, AggregationTemporality.Cumulative, start));
        await Rig.SendAsync("loan", 1, Histogram("age", AgeBounds, AgeSmall, AggregationTemporality.Delta, start));
        await Rig.DriftWhenStoredAsync("api/models/churn/drift?version=1&window=15m", Version1Measurements);
        await Rig.DriftWhenStoredAsync("api/models/loan/drift?version=1&window=15m", AgeSmall.Sum());
    }

    public async ValueTask DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }
}
