using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production.Linkage;

/// <summary>
/// Migration 0018's views on embedded ClickHouse: rows inserted into the raw metric tables as the collector writes
/// them reach ml_serving_deployments through the chain raw table → ml_serving_minutes → ml_serving_deployments, and
/// ml_serving_instance_minutes directly.
/// </summary>
public sealed class ServingDeploymentsViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChainedView_HistogramAndCounterInserts_KeepOneDeploymentWithFirstAndLastSeen()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(ChainedView_HistogramAndCounterInserts_KeepOneDeploymentWithFirstAndLastSeen), Cancellation);
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddSeconds(75), "run-1");
        await InsertHistogramAsync(store, "ml.serving.feature", T0.AddMinutes(7).AddSeconds(12), "run-1");
        await InsertCounterAsync(store, T0.AddMinutes(9).AddSeconds(3), "run-1");
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddMinutes(3), "run-2");
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddMinutes(4), "");

        var rows = JsonRows.Parse(await store.QueryAsync("""
            SELECT ModelName, ModelVersion, ServiceName, Environment, RunId,
                   toUnixTimestamp64Milli(min(FirstSeen)) AS FirstMs, toUnixTimestamp64Milli(max(LastSeen)) AS LastMs
            FROM ml_serving_deployments GROUP BY ModelName, ModelVersion, ServiceName, Environment, RunId ORDER BY RunId
            """, "JSONEachRow", null, Cancellation)).ToList();

        Assert.Equal(["", "run-1", "run-2"], rows.Select(r => r.String("RunId")));
        Assert.All(rows, r => Assert.Equal(("churn", "3", "scorer", "production"), (r.String("ModelName"), r.String("ModelVersion"), r.String("ServiceName"), r.String("Environment"))));
        var first = rows[1];
        Assert.Equal(T0.AddMinutes(1).ToUnixTimeMilliseconds(), first.Int64("FirstMs"));
        Assert.Equal(T0.AddMinutes(9).AddSeconds(3).ToUnixTimeMilliseconds(), first.Int64("LastMs"));
    }

    [Fact]
    public async Task InstanceView_RequestHistograms_KeepOneRowPerInstanceAndMinuteWithItsResources()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(InstanceView_RequestHistograms_KeepOneRowPerInstanceAndMinuteWithItsResources), Cancellation);
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddSeconds(10), "run-1");
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddSeconds(50), "run-1");
        await InsertHistogramAsync(store, "http.server.request.duration", T0.AddSeconds(70), "run-1");
        await InsertHistogramAsync(store, "ml.serving.feature", T0.AddSeconds(130), "run-1");

        var rows = JsonRows.Parse(await store.QueryAsync("""
            SELECT Instance, toUnixTimestamp(Minute) AS Minute, any(HostType) AS HostType, max(GpuCount) AS GpuCount
            FROM ml_serving_instance_minutes GROUP BY Instance, Minute ORDER BY Minute
            """, "JSONEachRow", null, Cancellation)).ToList();

        Assert.Equal([T0.ToUnixTimeSeconds(), T0.AddMinutes(1).ToUnixTimeSeconds()], rows.Select(r => r.Int64("Minute")));
        Assert.All(rows, r => Assert.Equal(("i-1", "g5.xlarge", 2L), (r.String("Instance"), r.String("HostType"), r.Int64("GpuCount"))));
    }

    private static Task InsertHistogramAsync(IClickHouseStore store, string metric, DateTimeOffset time, string runId) =>
        store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_histogram (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix,
                                                Count, BucketCounts, ExplicitBounds, AggregationTemporality)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3', 'ml.run.id', {run:String}, 'service.name', 'scorer',
                       'deployment.environment.name', 'production', 'service.instance.id', 'i-1', 'host.type', 'g5.xlarge', 'ml.gpu.count', '2'),
                   'scorer', {metric:String}, map('ml.feature.name', 'age'),
                   fromUnixTimestamp64Milli({time:Int64} - 60000), fromUnixTimestamp64Milli({time:Int64}), 4, [4, 0], [0.5], 1
            """,
            new QueryParameters().Add("metric", metric).Add("run", runId).Add("time", time.ToUnixTimeMilliseconds()),
            Cancellation);

    private static Task InsertCounterAsync(IClickHouseStore store, DateTimeOffset time, string runId) =>
        store.ExecuteAsync(
            """
            INSERT INTO otel_metrics_sum (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix, Value,
                                          AggregationTemporality, IsMonotonic)
            SELECT map('ml.model.name', 'churn', 'ml.model.version', '3', 'ml.run.id', {run:String}, 'deployment.environment.name', 'production'),
                   'scorer', 'ml.serving.feature.category', map('ml.feature.name', 'country', 'ml.feature.category', 'FR'),
                   fromUnixTimestamp64Milli({time:Int64} - 60000), fromUnixTimestamp64Milli({time:Int64}), 3, 1, true
            """,
            new QueryParameters().Add("run", runId).Add("time", time.ToUnixTimeMilliseconds()),
            Cancellation);
}
