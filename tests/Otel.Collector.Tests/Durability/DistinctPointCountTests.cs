using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Durability;

/// <summary>
/// Regression (issue 8): materialized views are fed by every insert, also by a spool replay that ml_metrics drops as
/// a duplicate and by a client's re-send, and once counted those points again (a summary count of 2,700 for 2,650
/// points; /history answering 6,000 or 3,000 points for one 3,000-point series depending on maxPoints). Counts now
/// equal the distinct points everywhere: the series count, the rollup, /history at every resolution, and runs show.
/// </summary>
public sealed class DistinctPointCountTests
{
    /// <summary>maxPoints that read the rollup (buckets of 1,024 steps or more) and the points themselves.</summary>
    private static readonly int[] Resolutions = [1, 2, 3, 50, 100_000];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameRequestSentTwice_CountsEachPointOnceEverywhere()
    {
        const int points = 3_000;
        await using var collector = await RunningCollector.StartAsync("count_resend");
        var runId = "run-" + Guid.NewGuid().ToString("N");
        var request = RunRequest(runId, points);

        await SendAsync(collector.Api, request, Cancellation);
        await SendAsync(collector.Api, request, Cancellation);

        await AssertCountedOnceAsync(collector, runId, "loss", points);
    }

    [Fact]
    public async Task SpoolRangeReplayedWithItsToken_CountsEachPointOnceEverywhere()
    {
        const int points = 2_650;
        await using var collector = await RunningCollector.StartAsync("count_replay");
        var runId = "run-" + Guid.NewGuid().ToString("N");
        await SendAsync(collector.Api, RunRequest(runId, 0), Cancellation);
        var rows = MetricRows(runId, "replayed", points);

        // The shipper's insert, then the same range again after a kill -9 between insert and checkpoint.
        await collector.Store.InsertAsync("ml_metrics", "JSONEachRow", rows, "spool-1.0-1.2650", Cancellation);
        await collector.Store.InsertAsync("ml_metrics", "JSONEachRow", rows, "spool-1.0-1.2650", Cancellation);

        Assert.Equal(points, await CountAsync(collector.Store, "SELECT count() FROM ml_metrics WHERE RunId = {id:String} AND Key = {key:String}", runId, "replayed"));
        await AssertCountedOnceAsync(collector, runId, "replayed", points);
    }

    [Fact]
    public async Task TwoPointsAtEachStep_CountsPointsNotSteps()
    {
        // Distinct steps are fewer than the points here, so /history must read the blocks' sets of point identities.
        const int points = 2_600;
        await using var collector = await RunningCollector.StartAsync("count_same_step");
        var runId = "run-" + Guid.NewGuid().ToString("N");
        await SendAsync(collector.Api, RunRequest(runId, 0), Cancellation);
        await collector.Store.InsertAsync("ml_metrics", "JSONEachRow", MetricRows(runId, "twice", points, stepOf: i => i / 2), "spool-1.0-1.2600", Cancellation);

        await AssertCountedOnceAsync(collector, runId, "twice", points);
    }

    [Fact]
    public async Task Migration0007_DatabaseWithDoubleCountedRollup_RebuildsItWithDistinctCounts()
    {
        const int points = 1_500;
        var before = EmbeddedMigrations.Product.Where(m => m.Version <= 5).ToList();
        await using var store = await TestStores.CreateEmbeddedAsync("count_migrate", before, Cancellation);
        var rows = MetricRows("run-old", "loss", points);
        await store.InsertAsync("ml_metrics", "JSONEachRow", rows, "spool-1.0-1.1500", Cancellation);
        await store.InsertAsync("ml_metrics", "JSONEachRow", rows, "spool-2.0-2.1500", Cancellation);
        Assert.Equal(2 * points, await CountAsync(store, "SELECT sum(Points) FROM ml_metric_rollup WHERE RunId = {id:String} AND Key = {key:String}", "run-old", "loss"));

        await new MigrationRunner(TimeProvider.System).ApplyAsync(store, EmbeddedMigrations.Product, Cancellation).WaitAsync(TestTimeouts.StoreOpen, Cancellation);

        Assert.Equal(points, await CountAsync(store, "SELECT Points FROM ml_metric_counts WHERE RunId = {id:String} AND Key = {key:String}", "run-old", "loss"));
        Assert.Equal(0, await CountAsync(store, "SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = 'ml_metric_summary' AND name = {key:String}", "", "Count"));
        await store.InsertAsync("ml_metrics", "JSONEachRow", rows, "spool-3.0-3.1500", Cancellation);
        Assert.Equal(points, await CountAsync(store, "SELECT Points FROM ml_metric_counts WHERE RunId = {id:String} AND Key = {key:String}", "run-old", "loss"));
    }

    private static async Task AssertCountedOnceAsync(RunningCollector collector, string runId, string key, int points)
    {
        Assert.Equal(points, await CountAsync(collector.Store, "SELECT Points FROM ml_metric_counts WHERE RunId = {id:String} AND Key = {key:String}", runId, key));
        Assert.Equal(points, await CountAsync(collector.Store, """
            SELECT sum(n) FROM (SELECT uniqExactMerge(Points) AS n FROM ml_metric_rollup WHERE RunId = {id:String} AND Key = {key:String} GROUP BY Block)
            """, runId, key));

        foreach (var maxPoints in Resolutions)
        {
            var history = (await collector.Api.GetFromJsonAsync<List<DownsampledPoint>>(
                $"api/runs/{runId}/history?key={key}&maxPoints={maxPoints}", QueryJson.Options, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation))!;
            Assert.True(points == history.Sum(p => p.Points), $"maxPoints={maxPoints}: {history.Sum(p => p.Points)} points");
        }

        var detail = await collector.GetRunAsync(runId);
        Assert.Equal(points, detail.MetricSummaries[key].Count);
    }

    private static ExportTraceServiceRequest RunRequest(string runId, int points)
    {
        var run = RunSpan("ml.run", runId, "counts", "counts", Attr("ml.run.status", "FINISHED"));
        if (points > 0)
        {
            run.Events.Add(Event("ml.metrics",
                new KeyValue { Key = "ml.metric.keys", Value = Values(Enumerable.Repeat(new AnyValue { StringValue = "loss" }, points)) },
                new KeyValue { Key = "ml.metric.values", Value = Values(Enumerable.Range(0, points).Select(i => new AnyValue { DoubleValue = 1.0 / (i + 1) })) },
                new KeyValue { Key = "ml.metric.steps", Value = Values(Enumerable.Range(0, points).Select(i => new AnyValue { IntValue = i })) }));
        }

        return Request([Attr("service.name", "counts")], run);
    }

    private static byte[] MetricRows(string runId, string key, int points, Func<int, int>? stepOf = null)
    {
        var rows = new StringBuilder();
        for (var i = 0; i < points; i++)
        {
            var step = stepOf?.Invoke(i) ?? i;
            rows.Append(CultureInfo.InvariantCulture,
                $"{{\"RunId\":\"{runId}\",\"Experiment\":\"counts\",\"Key\":\"{key}\",\"Step\":{step},\"Value\":{i * 0.5},\"Timestamp\":\"2026-01-01 00:00:{i % 60:D2}.{i:D9}\",\"Source\":\"span\"}}\n");
        }

        return Encoding.UTF8.GetBytes(rows.ToString());
    }

    private static AnyValue Values(IEnumerable<AnyValue> values)
    {
        var array = new ArrayValue();
        array.Values.AddRange(values);
        return new AnyValue { ArrayValue = array };
    }

    private static async Task<long> CountAsync(IClickHouseStore store, string sql, string runId, string key)
    {
        var text = Encoding.UTF8.GetString(await store.QueryAsync(sql, "TabSeparated", new QueryParameters().Add("id", runId).Add("key", key), Cancellation));
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}
