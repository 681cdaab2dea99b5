using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production;
using Otel.Collector.Production.Drift;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Production.Increments;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>
/// How long drift takes over 24 h of serving telemetry for 20 models × 30 features (and one prediction output) at
/// 50 predictions/s each, cumulative series exported every 60 s (docs/benchmarks.md, "Drift"). Explicit: run it with
/// <c>dotnet test tests/Otel.Collector.Tests --filter "FullyQualifiedName~DriftBenchmarkTests" -- xUnit.Explicit=only</c>
/// (a few minutes); it prints its timings: every query live (nothing stored), the serving-increments job catching up
/// and its runs after, then every query again over the stored increments, with the same results.
/// </summary>
public sealed class DriftBenchmarkTests
{
    private const int Models = 20;
    private const int Features = 30;
    private const int Minutes = 24 * 60;
    private const long PerMinute = 50 * 60;
    private static readonly DateTimeOffset DayStart = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A job run's bound here: a benchmark on a shared machine must report slow runs, not fail on them.</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10);

    [Fact(Explicit = true)]
    public async Task DriftBenchmark_Day_OfTwentyModelsWithThirtyFeatures_TimesTheApiAndTheJobQueries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var store = await TestStores.CreateEmbeddedAsync("drift_benchmark", ct);
        var seeding = TimeProvider.System.GetTimestamp();
        await SeedAsync(store, ct);
        Report($"seeded {Models * (Features + 1) * Minutes:N0} cumulative histogram points (one per series and minute)", seeding);

        var drift = new DriftQueries(store);
        var end = DayStart.AddDays(1);
        // Before: nothing stored, every reader computes the increments live (what every reader did before migration 0019).
        var live = await TimeWindowsAsync(drift, end, "live", ct);

        await using var job = await IncrementsJobRunner.StartAsync(store, "drift_benchmark", ct);
        var catchingUp = TimeProvider.System.GetTimestamp();
        var runs = await job.CatchUpAsync(end.AddSeconds(1), ct, Slow);
        Report($"serving-increments job: caught up with the day in {runs} runs", catchingUp);
        foreach (var later in new[] { 1, 2, 3, 10 })
        {
            var run = TimeProvider.System.GetTimestamp();
            await job.RunAsync(end.AddMinutes(later).AddSeconds(1), ct, Slow);
            Report($"serving-increments job: a run {later} min later (the last 10 minutes again{(later == 10 ? ", and the hour that closed" : "")})", run);
        }

        // After: stored hours and minutes, and the live tail (none here: nothing arrived after the job's runs).
        var stored = await TimeWindowsAsync(drift, end, "stored", ct);
        Assert.Equal(live, stored);
    }

    private static async Task<List<string>> TimeWindowsAsync(DriftQueries drift, DateTimeOffset end, string how, CancellationToken ct)
    {
        var results = new List<string>();
        foreach (var window in new[] { ServingWindow.FifteenMinutes, ServingWindow.OneHour, ServingWindow.OneDay })
        {
            IReadOnlyList<DriftResult> one = [];
            await TimeAsync($"{how}: API, one version, {window.Name}", async () => one = await drift.VersionAsync("model-7", 1, window, end, DriftThresholds.Default, ct));
            await TimeAsync($"{how}: API, busiest version of a model, {window.Name}", async () => Assert.Equal(1, (await drift.BusiestVersionAsync("model-7", window, end, ct))?.Version));
            var all = new List<DriftResult>();
            await TimeAsync($"{how}: job, all {Models} models one by one, {window.Name}", async () =>
            {
                all.Clear();
                var progress = await drift.ProgressAsync(ct);
                foreach (var model in await drift.ServingModelsAsync(window, end, ct))
                {
                    all.AddRange(await drift.ModelAsync(model, window, end, DriftThresholds.Default, progress, ct));
                }
            });

            Assert.Equal(Features + 1, one.Count);
            Assert.Equal(Models * (Features + 1), all.Count);
            Assert.All(all, r => Assert.Equal((DriftStatus.Ok, PerMinute * (long)window.Length.TotalMinutes), (r.Status, r.Count)));
            results.AddRange(all.Select(r => $"{window.Name} {r.Model} {r.Feature} {r.Count} {r.Psi:R} {r.Js:R} {r.Ks:R}"));
        }

        return results;
    }

    /// <summary>One registered version per model with a decile baseline, and a day of cumulative exports, all bins equally full.</summary>
    private static async Task SeedAsync(IClickHouseStore store, CancellationToken ct)
    {
        List<BaselineDistribution> distributions =
        [
            .. Enumerable.Range(0, Features).Select(f => new BaselineDistribution
            {
                Name = $"f{f}", Kind = "feature", Type = "numeric", Bounds = [1, 2, 3, 4, 5, 6, 7, 8, 9], Counts = [.. Enumerable.Repeat(1000L, 10)],
            }),
            new() { Name = "score", Kind = "prediction", Type = "numeric", Bounds = [1, 2, 3, 4, 5, 6, 7, 8, 9], Counts = [.. Enumerable.Repeat(1000L, 10)] },
        ];
        var baseline = JsonSerializer.Serialize(new ModelBaseline { Distributions = distributions }, QueryJson.Options);
        await store.ExecuteAsync(
            """
            INSERT INTO ml_model_versions (Name, Version, RunId, Baseline, CreatedAt, UpdatedAt)
            SELECT concat('model-', toString(number)), 1, concat('run-', toString(number)), {baseline:String}, now64(3), now64(3) FROM numbers({models:UInt64})
            """,
            new QueryParameters().Add("baseline", baseline).Add("models", Models), ct);

        // Series s = model * 31 + distribution; the last distribution of each model is its prediction output.
        await store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_histogram (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix,
                                                Count, BucketCounts, ExplicitBounds, AggregationTemporality)
            SELECT map('ml.model.name', Model, 'ml.model.version', '1', 'service.name', concat('svc-', Model)), concat('svc-', Model),
                   if(IsPrediction, 'ml.serving.prediction', 'ml.serving.feature'),
                   if(IsPrediction, map('ml.prediction.name', 'score'), map('ml.feature.name', concat('f', toString(Distribution)))),
                   toDateTime64({start:Int64}, 9, 'UTC'), toDateTime64({start:Int64} + (Minute + 1) * 60 - 1, 9, 'UTC'),
                   {per_minute:UInt64} * (Minute + 1), arrayMap(b -> toUInt64({per_minute:UInt64} * (Minute + 1) / 10), range(10)),
                   [1, 2, 3, 4, 5, 6, 7, 8, 9], 2
            FROM (SELECT number % {minutes:UInt64} AS Minute, intDiv(number, {minutes:UInt64}) AS Series,
                         concat('model-', toString(intDiv(Series, {distributions:UInt64}))) AS Model,
                         Series % {distributions:UInt64} AS Distribution, Distribution = {features:UInt64} AS IsPrediction
                  FROM numbers({rows:UInt64}))
            """,
            new QueryParameters().Add("start", DayStart.ToUnixTimeSeconds()).Add("per_minute", PerMinute).Add("minutes", Minutes)
                .Add("distributions", Features + 1).Add("features", Features).Add("rows", (long)Models * (Features + 1) * Minutes),
            ct);
    }

    private static async Task TimeAsync(string what, Func<Task> query)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            await query();
            times.Add(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: {string.Join(", ", times.Select(t => $"{t:0} ms"))}");
    }

    private static void Report(string what, long started) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
}
