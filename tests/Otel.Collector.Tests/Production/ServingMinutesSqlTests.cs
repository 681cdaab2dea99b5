using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production;

/// <summary>
/// Window increments of serving series (migration 0014's views and <see cref="ServingMinutesSql"/>), on embedded
/// ClickHouse: rows go into the raw OTel tables as the collector writes them, the views pre-aggregate them per minute,
/// and the increments are checked against counts worked out by hand.
/// </summary>
public sealed class ServingMinutesSqlTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Increments_CumulativeHistogramWithRestart_CountsEveryMeasurementInTheWindowOnce()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Increments_CumulativeHistogramWithRestart_CountsEveryMeasurementInTheWindowOnce), TestContext.Current.CancellationToken);
        // Exports every 30 s: the first process counts 10 per export for 10 minutes, then restarts (new start time)
        // and counts 10 per export again, 5 into each of two buckets.
        for (var export = 0; export < 40; export++)
        {
            var firstProcess = export < 20;
            var start = firstProcess ? T0 : T0.AddSeconds(605);
            var n = firstProcess ? export + 1 : export - 19;
            await InsertHistogramAsync(store, "ml.serving.feature", "age", temporality: 2, start, T0.AddSeconds(30 * (export + 1)), [5UL * (ulong)n, 5UL * (ulong)n]);
        }

        // [10:05, 10:15): 100 from the first process (90 → 190), 10 from the restart's first minute, 80 after it.
        var total = await SumAsync(store, T0.AddMinutes(5), T0.AddMinutes(15));

        Assert.Equal(190UL, total.Count);
        Assert.Equal([95UL, 95UL], total.Buckets);
    }

    [Fact]
    public async Task Increments_SeriesStartedBeforeTheLookback_FirstMinuteIsTheReference()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Increments_SeriesStartedBeforeTheLookback_FirstMinuteIsTheReference), TestContext.Current.CancellationToken);
        // A series running for a day: only its last minutes are in range, and its first value counts a whole day.
        var start = T0.AddDays(-1);
        for (var minute = 0; minute < 5; minute++)
        {
            await InsertHistogramAsync(store, "ml.serving.feature", "age", temporality: 2, start, T0.AddMinutes(minute).AddSeconds(10), [1000UL + (ulong)minute, 0UL]);
        }

        var total = await SumAsync(store, T0, T0.AddMinutes(5));

        Assert.Equal(4UL, total.Count);
    }

    [Fact]
    public async Task Increments_DeltaHistogram_SumsThePointsOfEachMinuteInTheWindow()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Increments_DeltaHistogram_SumsThePointsOfEachMinuteInTheWindow), TestContext.Current.CancellationToken);
        for (var export = 0; export < 20; export++)
        {
            var time = T0.AddSeconds(30 * export);
            await InsertHistogramAsync(store, "ml.serving.feature", "age", temporality: 1, time.AddSeconds(-30), time, [3UL, 1UL]);
        }

        // Exports at 10:02:00 … 10:06:30: ten of them.
        var total = await SumAsync(store, T0.AddMinutes(2), T0.AddMinutes(7));

        Assert.Equal(40UL, total.Count);
        Assert.Equal([30UL, 10UL], total.Buckets);
    }

    [Fact]
    public async Task Increments_CumulativeCategoryCounter_CountsPerCategory()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Increments_CumulativeCategoryCounter_CountsPerCategory), TestContext.Current.CancellationToken);
        for (var minute = 0; minute < 6; minute++)
        {
            await InsertCounterAsync(store, "FR", T0, T0.AddMinutes(minute).AddSeconds(30), 7.0 * (minute + 1));
            await InsertCounterAsync(store, "DE", T0, T0.AddMinutes(minute).AddSeconds(30), 2.0 * (minute + 1));
        }

        var parameters = new QueryParameters().AddWindow(T0.AddMinutes(1), T0.AddMinutes(6));
        var sql = $"""
            SELECT Category, sum(Increase) AS Count FROM ({ServingMinutesSql.Increments("MetricName = 'ml.serving.feature.category'")})
            GROUP BY Category ORDER BY Category
            """;
        var rows = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, TestContext.Current.CancellationToken)).ToList();

        Assert.Equal([("DE", 10L), ("FR", 35L)], rows.Select(row => (row.String("Category"), row.Int64("Count"))));
    }

    [Fact]
    public async Task Increments_WhereOnAColumnAlsoReturned_FiltersOnTheStoredColumn()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Increments_WhereOnAColumnAlsoReturned_FiltersOnTheStoredColumn), TestContext.Current.CancellationToken);
        for (var minute = 0; minute < 3; minute++)
        {
            await InsertCounterAsync(store, "FR", T0, T0.AddMinutes(minute).AddSeconds(30), 7.0 * (minute + 1));
            await InsertCounterAsync(store, "DE", T0, T0.AddMinutes(minute).AddSeconds(30), 2.0 * (minute + 1));
        }

        var parameters = new QueryParameters().AddWindow(T0, T0.AddMinutes(3)).Add("category", "FR");
        var sql = $"""
            SELECT Category, sum(Increase) AS Count
            FROM ({ServingMinutesSql.Increments("MetricName = 'ml.serving.feature.category' AND Category = {category:String}")})
            GROUP BY Category
            """;
        var rows = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, TestContext.Current.CancellationToken)).ToList();

        // Started within the lookback: the first minute counts whole.
        Assert.Equal([("FR", 21L)], rows.Select(row => (row.String("Category"), row.Int64("Count"))));
    }

    private static async Task<(ulong Count, ulong[] Buckets)> SumAsync(IClickHouseStore store, DateTimeOffset from, DateTimeOffset to)
    {
        var parameters = new QueryParameters().AddWindow(from, to).Add("feature", "age");
        var sql = $"""
            SELECT sum(Increase) AS Count, sumForEach(Increases) AS Buckets
            FROM ({ServingMinutesSql.Increments("MetricName = 'ml.serving.feature' AND Feature = {feature:String}")})
            """;
        var row = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, TestContext.Current.CancellationToken)).Single();
        return ((ulong)row.Int64("Count"), row.GetProperty("Buckets").EnumerateArray().Select(ReadUInt64).ToArray());
    }

    private static ulong ReadUInt64(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? ulong.Parse(element.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : element.GetUInt64();

    private static Task InsertHistogramAsync(
        IClickHouseStore store, string metric, string feature, int temporality, DateTimeOffset start, DateTimeOffset time, ulong[] buckets)
    {
        var parameters = new QueryParameters()
            .Add("metric", metric).Add("feature", feature).Add("temporality", temporality)
            .Add("start", start.ToUnixTimeMilliseconds()).Add("time", time.ToUnixTimeMilliseconds())
            .Add("buckets", buckets.Select(bucket => bucket.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_histogram (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix,
                                                Count, BucketCounts, ExplicitBounds, AggregationTemporality)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3', 'service.name', 'scorer'), 'scorer', {metric:String},
                   map('ml.feature.name', {feature:String}),
                   fromUnixTimestamp64Milli({start:Int64}), fromUnixTimestamp64Milli({time:Int64}),
                   arraySum(arrayMap(x -> toUInt64(x), {buckets:Array(String)})), arrayMap(x -> toUInt64(x), {buckets:Array(String)}),
                   [0.5], {temporality:Int32}
            """,
            parameters,
            TestContext.Current.CancellationToken);
    }

    private static Task InsertCounterAsync(IClickHouseStore store, string category, DateTimeOffset start, DateTimeOffset time, double value)
    {
        var parameters = new QueryParameters()
            .Add("category", category).Add("start", start.ToUnixTimeMilliseconds()).Add("time", time.ToUnixTimeMilliseconds()).Add("value", value);
        return store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_sum (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix, Value,
                                          AggregationTemporality, IsMonotonic)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3'), 'scorer', 'ml.serving.feature.category',
                   map('ml.feature.name', 'country', 'ml.feature.category', {category:String}),
                   fromUnixTimestamp64Milli({start:Int64}), fromUnixTimestamp64Milli({time:Int64}), {value:Float64}, 2, true
            """,
            parameters,
            TestContext.Current.CancellationToken);
    }
}
