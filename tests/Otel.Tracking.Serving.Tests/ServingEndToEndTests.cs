using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Serving.Tests.Infrastructure;

namespace Otel.Tracking.Serving.Tests;

/// <summary>
/// A real ASP.NET Core inference service using the library, exporting OTLP to a real collector whose registry holds the
/// model (registered from a run, baseline seeded): what lands in ClickHouse is what drift, SLOs and linkage read.
/// Meters are process-wide, so the service's provider also exports other tests' recorders: queries name this
/// baseline's distributions.
/// </summary>
public sealed class ServingEndToEndTests
{
    private const string Model = "churn";

    // age, plan; the last has no finite age (dropped) and still answers.
    private static readonly (string Age, string Plan)[] Requests =
        [("10", "basic"), ("18", "gold"), ("25", "platinum"), ("30", "gold"), ("50", "basic"), ("70", "enterprise"), ("70", ""), ("NaN", "basic")];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServedModel_RequestsThroughRealCollector_StoreStampedBaselineBinnedTelemetry()
    {
        await using var collector = await RegistryCollector.StartAsync("serving_e2e");
        var version = await collector.RegisterWithBaselineAsync(Model, "champion", BaselineSeeds.ChurnBaseline());
        var model = await ServedModel.ResolveAsync(new ModelServingOptions { Model = $"models:/{Model}@champion", Endpoint = collector.Host.HttpEndpoint }, Cancellation).Within();
        await using (var service = await ChurnService.StartAsync(model, collector.Host.HttpEndpoint))
        {
            foreach (var (age, plan) in Requests)
            {
                using var response = await service.Client.GetAsync($"predict?age={age}&plan={Uri.EscapeDataString(plan)}", Cancellation).Within();
                Assert.True(response.IsSuccessStatusCode, $"predict answered {(int)response.StatusCode}");
            }

            // Eight unknown 'tenure' values and one NaN age.
            Assert.Equal(9, service.Recorder.DroppedValues);
            service.Flush();
        }

        Assert.Equal((1L, version.RunId), (model.Version, model.RunId));
        var features = await EventuallyRowsAsync(collector.Store, """
            SELECT concat(Attributes['ml.feature.name'], Attributes['ml.prediction.name']) AS Name, toString(ExplicitBounds) AS Bounds, toString(BucketCounts) AS Buckets,
                   ResourceAttributes['ml.model.version'] AS Version, ResourceAttributes['ml.run.id'] AS RunId, ServiceName
            FROM otel_metrics_histogram
            WHERE MetricName IN ('ml.serving.feature', 'ml.serving.prediction') AND ResourceAttributes['ml.model.name'] = {model:String} AND Name IN ('age', 'score')
            ORDER BY TimeUnix DESC LIMIT 1 BY MetricName, Name
            """, rows => rows.Count == 2);
        var counters = await EventuallyRowsAsync(collector.Store, """
            SELECT MetricName, concat(Attributes['ml.feature.name'], Attributes['ml.prediction.name']) AS Name,
                   concat(Attributes['ml.feature.category'], Attributes['ml.prediction.category']) AS Category, toString(Value) AS Count
            FROM otel_metrics_sum
            WHERE MetricName LIKE 'ml.serving.%.category' AND ResourceAttributes['ml.model.name'] = {model:String} AND Name IN ('plan', 'label')
            ORDER BY TimeUnix DESC LIMIT 1 BY MetricName, Name, Category
            """, rows => rows.Count == 5);
        var http = await EventuallyRowsAsync(collector.Store, """
            SELECT toString(Count) AS Count, ResourceAttributes['ml.model.version'] AS Version, Attributes['http.response.status_code'] AS Status
            FROM otel_metrics_histogram
            WHERE MetricName = 'http.server.request.duration' AND ResourceAttributes['ml.model.name'] = {model:String} AND Attributes['http.route'] = '/predict'
            ORDER BY TimeUnix DESC LIMIT 1
            """, rows => rows.Count == 1);
        var spans = await EventuallyRowsAsync(collector.Store, """
            SELECT ResourceAttributes['ml.model.version'] AS Version, ResourceAttributes['ml.run.id'] AS RunId
            FROM otel_traces WHERE ResourceAttributes['ml.model.name'] = {model:String} AND SpanAttributes['http.route'] = '/predict'
            """, rows => rows.Count == Requests.Length);

        Assert.All(features, row => Assert.Equal(("1", version.RunId, ChurnService.ServiceName), (row.String("Version"), row.String("RunId"), row.String("ServiceName"))));
        Assert.Equal(
            [("age", "[18,30,45,60]", "[2,2,0,1,2]"), ("score", "[0.25,0.5,0.75]", "[3,3,2,0]")],
            features.Select(row => (row.String("Name"), row.String("Bounds"), row.String("Buckets"))).Order());
        Assert.Equal(
            [("ml.serving.feature.category", "plan", "__other__", "3"), ("ml.serving.feature.category", "plan", "basic", "3"), ("ml.serving.feature.category", "plan", "gold", "2"),
             ("ml.serving.prediction.category", "label", "churn", "2"), ("ml.serving.prediction.category", "label", "stay", "6")],
            counters.Select(row => (row.String("MetricName"), row.String("Name"), row.String("Category"), row.String("Count"))).Order());
        Assert.Equal(("8", "1", "200"), (http[0].String("Count"), http[0].String("Version"), http[0].String("Status")));
        Assert.All(spans, row => Assert.Equal(("1", version.RunId), (row.String("Version"), row.String("RunId"))));

        // The per-minute pre-aggregates that drift and SLOs read have the same counts.
        var now = TimeProvider.System.GetUtcNow();
        var parameters = new QueryParameters().AddWindow(now.AddMinutes(-10), now.AddMinutes(2)).Add("model", Model);
        var minutes = JsonRows.Parse(await collector.Store.QueryAsync($"""
            SELECT MetricName, Feature, Category, toString(sum(Increase)) AS Count, any(ModelVersion) AS Version, any(RunId) AS RunId
            FROM ({ServingMinutesSql.Increments("ModelName = {model:String}")})
            WHERE (MetricName LIKE 'ml.serving.%' AND Feature IN ('age', 'plan', 'score', 'label')) OR Route = '/predict'
            GROUP BY MetricName, Feature, Category ORDER BY MetricName, Feature, Category
            """, "JSONEachRow", parameters, Cancellation).Within()).ToList();
        Assert.Equal(
            [("http.server.request.duration", "", "", "8"), ("ml.serving.feature", "age", "", "7"),
             ("ml.serving.feature.category", "plan", "__other__", "3"), ("ml.serving.feature.category", "plan", "basic", "3"), ("ml.serving.feature.category", "plan", "gold", "2"),
             ("ml.serving.prediction", "score", "", "8"),
             ("ml.serving.prediction.category", "label", "churn", "2"), ("ml.serving.prediction.category", "label", "stay", "6")],
            minutes.Select(row => (row.String("MetricName"), row.String("Feature"), row.String("Category"), row.String("Count"))));
        Assert.All(minutes, row => Assert.Equal(("1", version.RunId), (row.String("Version"), row.String("RunId"))));
    }

    private static Task<List<JsonElement>> EventuallyRowsAsync(IClickHouseStore store, string sql, Func<List<JsonElement>, bool> complete) =>
        Eventually.UntilAsync(
            async () => JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", new QueryParameters().Add("model", Model), Cancellation)).ToList(),
            complete,
            rows => "rows not there yet: " + string.Join("; ", rows.Select(row => row.GetRawText())),
            TestTimeouts.Default);
}
