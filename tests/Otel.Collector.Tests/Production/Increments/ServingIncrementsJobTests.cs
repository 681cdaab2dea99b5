using System.Globalization;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production;
using Otel.Collector.Production.Increments;
using Otel.Collector.Production.Slo;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production.Increments;

/// <summary>
/// The serving-increments job (migration 0019) on embedded ClickHouse, writing through a real pipeline: what readers
/// sum from stored hours, stored minutes and the live tail equals what <see cref="ServingMinutesSql.Increments"/>
/// computes from scratch, for any window, before and after the job and after a late arrival.
/// </summary>
public sealed class ServingIncrementsJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Window_AfterTheJobStoredHoursAndMinutes_SumsWhatIncrementsComputesLive()
    {
        await using var rig = await Rig.StartAsync(nameof(Window_AfterTheJobStoredHoursAndMinutes_SumsWhatIncrementsComputesLive));
        await rig.SeedAsync();
        var before = await rig.WindowsAsync(stored: false);
        Assert.Equal(before, await rig.WindowsAsync(stored: true)); // nothing stored yet: all live

        await rig.RunJobUntilCaughtUpAsync();

        Assert.True(await rig.CountAsync("ml_serving_increment_hours") >= 3 * 3, "the three complete hours of each series were stored");
        var read = new QueryParameters().AddIncrementsWindow(await IncrementsProgress.ReadAsync(rig.Store, Cancellation), rig.HourStart.AddHours(-3), ServingWindow.End(rig.Now)).Values;
        Assert.True(long.Parse(read["increments_hours_to"], CultureInfo.InvariantCulture) - long.Parse(read["increments_hours_from"], CultureInfo.InvariantCulture) >= 2 * 3600,
            $"stored hours read from {read["increments_hours_from"]} to {read["increments_hours_to"]}");
        Assert.Equal(before, await rig.WindowsAsync(stored: true));
    }

    [Fact]
    public async Task Window_LateArrivalInAStoredHour_IsReadLiveAtOnceAndTheNextRunStoresIt()
    {
        await using var rig = await Rig.StartAsync(nameof(Window_LateArrivalInAStoredHour_IsReadLiveAtOnceAndTheNextRunStoresIt));
        await rig.SeedAsync();
        await rig.RunJobUntilCaughtUpAsync();
        var minute = rig.HourStart.AddMinutes(-150);

        // A delta point for a minute long stored, e.g. a spool replayed after an outage.
        await rig.InsertHistogramAsync("late", temporality: 1, minute.AddSeconds(-30), minute.AddSeconds(10), [4UL, 3UL]);

        var windows = await rig.WindowsAsync(stored: true);
        Assert.Equal(await rig.WindowsAsync(stored: false), windows);
        Assert.Equal(7UL, (await rig.WindowsAsync(stored: true, feature: "late"))[^1].Count);
        await rig.RunJobAsync();
        await Eventually.UntilAsync(
            () => rig.CountAsync("ml_serving_increments", "late"), n => n == 1, n => $"{n} stored minutes of the late series", TestTimeouts.Default);
        Assert.Equal(windows, await rig.WindowsAsync(stored: true));
    }

    [Fact]
    public async Task SloStatuses_AfterTheJob_AreThoseComputedLive()
    {
        await using var rig = await Rig.StartAsync(nameof(SloStatuses_AfterTheJob_AreThoseComputedLive));
        await rig.SeedAsync();
        var evaluator = new SloEvaluator(rig.Store);
        SloDefinition[] slos =
        [
            new("avail", SloKind.Availability, "churn", null, null, 0.99, 30, null, null),
            new("fast", SloKind.Latency, "churn", null, null, 0.9, 28, 0.5, null),
            new("other", SloKind.Availability, "nobody", null, null, 0.99, 30, null, null),
        ];
        var live = Describe(await evaluator.EvaluateAsync(slos, rig.Now, null, Cancellation));

        await rig.RunJobUntilCaughtUpAsync();

        Assert.Equal(live, Describe(await evaluator.EvaluateAsync(slos, rig.Now, null, Cancellation)));
        Assert.StartsWith("avail metric ", live[0], StringComparison.Ordinal);
        Assert.StartsWith("fast metric ", live[1], StringComparison.Ordinal);
        Assert.StartsWith("other none 0 ", live[2], StringComparison.Ordinal);
    }

    private static List<string> Describe(IReadOnlyList<Otel.Tracking.Query.SloStatus> statuses) =>
        [.. statuses.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Name} {s.Source} {s.Events} {s.Sli:R} {s.ErrorBudgetRemaining:R} {s.BurnRates} {s.Alert} {s.Message}"))];

    /// <summary>
    /// A collector over its own embedded database, and serving telemetry over the three complete hours before the
    /// current one and this hour so far: a cumulative histogram that restarts, a category counter and request durations.
    /// </summary>
    private sealed class Rig : IAsyncDisposable
    {
        private Rig(IClickHouseStore store, IncrementsJobRunner job)
        {
            Store = store;
            Job = job;
            Now = TimeProvider.System.GetUtcNow();
            HourStart = ServingHours.Floor(Now);
        }

        public IClickHouseStore Store { get; }

        public IncrementsJobRunner Job { get; }

        public DateTimeOffset Now { get; }

        public DateTimeOffset HourStart { get; }

        private DateTimeOffset First => HourStart.AddHours(-3).AddMinutes(-7);

        public static async Task<Rig> StartAsync(string name)
        {
            var store = await TestStores.CreateEmbeddedAsync(name, Cancellation);
            return new Rig(store, await IncrementsJobRunner.StartAsync(store, name, Cancellation));
        }

        /// <summary>One point a minute of each series, 20 s into the minute; the histogram restarts after 100 minutes.</summary>
        public async Task SeedAsync()
        {
            var parameters = new QueryParameters().Add("first", First.ToUnixTimeMilliseconds()).Add("minutes", (long)(ServingWindow.End(Now) - First).TotalMinutes);
            await Store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_histogram (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix,
                                                Count, BucketCounts, ExplicitBounds, AggregationTemporality)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3', 'service.name', 'scorer'), 'scorer', Metric, Attributes,
                   fromUnixTimestamp64Milli(Start), fromUnixTimestamp64Milli({first:Int64} + number * 60000 + 20000),
                   arraySum(Buckets), Buckets, [0.5], 2
            FROM (SELECT number, arrayJoin([
                             ('ml.serving.feature', map('ml.feature.name', 'age'),
                              if(number >= 100, {first:Int64} + 100 * 60000, {first:Int64}),
                              arrayMap(k -> toUInt64(k * if(number >= 100, number - 99, number + 1)), [3, 2])),
                             ('http.server.request.duration', map('http.route', '/predict', 'http.response.status_code', '200'),
                              {first:Int64}, arrayMap(k -> toUInt64(k * (number + 1)), [6, 1])),
                             ('http.server.request.duration', map('http.route', '/predict', 'http.response.status_code', '500'),
                              {first:Int64}, arrayMap(k -> toUInt64(k * intDiv(number + 7, 7)), [1, 1]))]) AS Series,
                         Series.1 AS Metric, Series.2 AS Attributes, Series.3 AS Start, Series.4 AS Buckets
                  FROM numbers({minutes:UInt64}))
            """,
            parameters,
            Cancellation);
            await Store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_sum (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix, Value,
                                          AggregationTemporality, IsMonotonic)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3'), 'scorer', 'ml.serving.feature.category',
                   map('ml.feature.name', 'country', 'ml.feature.category', 'FR'),
                   fromUnixTimestamp64Milli({first:Int64}), fromUnixTimestamp64Milli({first:Int64} + number * 60000 + 20000), 5 * (number + 1), 2, true
            FROM numbers({minutes:UInt64})
            """,
            parameters,
            Cancellation);
        }

        public Task<int> RunJobUntilCaughtUpAsync() => Job.CatchUpAsync(Now, Cancellation);

        public Task RunJobAsync() => Job.RunAsync(Now, Cancellation);

        /// <summary>Count and buckets of the feature series over windows of 15 minutes to the whole seeded range, all ending after now.</summary>
        public async Task<List<(ulong Count, string Buckets)>> WindowsAsync(bool stored, string? feature = null)
        {
            var to = ServingWindow.End(Now);
            var results = new List<(ulong, string)>();
            foreach (var length in new[] { 15, 60, 61, 119, 183, (int)(to - First).TotalMinutes })
            {
                var from = to.AddMinutes(-length);
                var where = "MetricName LIKE 'ml.serving.%'" + (feature is null ? "" : " AND Feature = {feature:String}");
                var parameters = stored
                    ? new QueryParameters().AddIncrementsWindow(await IncrementsProgress.ReadAsync(Store, Cancellation), from, to, [to.AddMinutes(-45)])
                    : new QueryParameters().AddWindow(from, to);
                var sql = $"""
                    SELECT toString(sum(Increase)) AS Count, toString(sumForEach(arrayResize(Increases, 2))) AS Buckets
                    FROM ({(stored ? ServingIncrementsSql.Window(where) : ServingMinutesSql.Increments(where))})
                    """;
                var row = JsonRows.Parse(await Store.QueryAsync(sql, "JSONEachRow", parameters.Add("feature", feature ?? ""), Cancellation)).Single();
                results.Add((ulong.Parse(row.String("Count"), CultureInfo.InvariantCulture), row.String("Buckets")));
            }

            return results;
        }

        public async Task<long> CountAsync(string table, string? feature = null)
        {
            var output = await Store.QueryAsync(
                $"SELECT count() AS N FROM {table} FINAL WHERE {{feature:String}} = '' OR Feature = {{feature:String}}",
                "JSONEachRow", new QueryParameters().Add("feature", feature ?? ""), Cancellation);
            return JsonRows.Parse(output).Single().Int64("N");
        }

        public Task InsertHistogramAsync(string feature, int temporality, DateTimeOffset start, DateTimeOffset time, ulong[] buckets) => Store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_histogram (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix,
                                                Count, BucketCounts, ExplicitBounds, AggregationTemporality)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3', 'service.name', 'scorer'), 'scorer', 'ml.serving.feature',
                   map('ml.feature.name', {feature:String}), fromUnixTimestamp64Milli({start:Int64}), fromUnixTimestamp64Milli({time:Int64}),
                   arraySum(arrayMap(x -> toUInt64(x), {buckets:Array(String)})), arrayMap(x -> toUInt64(x), {buckets:Array(String)}),
                   [0.5], {temporality:Int32}
            """,
            Times(start, time).Add("feature", feature).Add("temporality", temporality).Add("buckets", Texts(buckets)),
            Cancellation);

        public async ValueTask DisposeAsync()
        {
            await Job.DisposeAsync();
            await Store.DisposeAsync();
        }

        private static QueryParameters Times(DateTimeOffset start, DateTimeOffset time) =>
            new QueryParameters().Add("start", start.ToUnixTimeMilliseconds()).Add("time", time.ToUnixTimeMilliseconds());

        private static IEnumerable<string> Texts(ulong[] values) => values.Select(v => v.ToString(CultureInfo.InvariantCulture));
    }
}
