using System.Text;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production;
using Otel.Collector.Query;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;

namespace Otel.Tracking.Serving.Tests;

/// <summary>The documentation's serving examples work: the curl request against a real collector, and docs/serving.md names the library's own names.</summary>
public sealed class DocumentedExamplesTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CurlMetricsExample_PostedToCollector_LandsInRawTablesAndServingMinutes()
    {
        await using var collector = await RunningCollector.StartAsync("serving_curl_example");
        using var content = new StringContent(CurlMetricsBody(), Encoding.UTF8, "application/json");

        using var response = await collector.Api.PostAsync("v1/metrics", content, Cancellation).Within();

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("rejected", body, StringComparison.Ordinal);
        var histograms = await Eventually.UntilAsync(
            () => RowsAsync(collector.Store, """
                SELECT MetricName, ResourceAttributes['ml.model.version'] AS Version, ResourceAttributes['ml.run.id'] AS RunId,
                       Attributes['http.response.status_code'] AS Status, toString(ExplicitBounds) AS Bounds, toString(BucketCounts) AS Buckets
                FROM otel_metrics_histogram WHERE ResourceAttributes['ml.model.name'] = 'churn' ORDER BY MetricName
                """, new QueryParameters()),
            rows => rows.Count == 2,
            rows => $"{rows.Count} histogram rows",
            TestTimeouts.Default);
        var window = new QueryParameters().AddWindow(DateTimeOffset.FromUnixTimeSeconds(1767225600), DateTimeOffset.FromUnixTimeSeconds(1767225720));
        var minutes = await Eventually.UntilAsync(
            () => RowsAsync(collector.Store, $"""
                SELECT MetricName, Feature, Category, toString(sum(Increase)) AS Count
                FROM ({ServingMinutesSql.Increments("ModelName = 'churn' AND ModelVersion = '3'")})
                GROUP BY MetricName, Feature, Category ORDER BY MetricName, Feature, Category
                """, window),
            rows => rows.Count == 4,
            rows => $"{rows.Count} serving minutes",
            TestTimeouts.Default);

        Assert.Equal(
            [("http.server.request.duration", "3", "curl-run-1", "200", "[0.005,0.01,0.025,0.05,0.075,0.1,0.25,0.5,0.75,1,2.5,5,7.5,10]", "[0,1,3,1,0,0,0,0,0,0,0,0,0,0,0]"),
             ("ml.serving.feature", "3", "curl-run-1", "", "[18,30,45,60]", "[1,2,0,1,1]")],
            histograms.Select(r => (r.String("MetricName"), r.String("Version"), r.String("RunId"), r.String("Status"), r.String("Bounds"), r.String("Buckets"))));
        Assert.Equal(
            [("http.server.request.duration", "", "", "5"), ("ml.serving.feature", "age", "", "5"),
             ("ml.serving.feature.category", "plan", "__other__", "2"), ("ml.serving.feature.category", "plan", "basic", "3")],
            minutes.Select(r => (r.String("MetricName"), r.String("Feature"), r.String("Category"), r.String("Count"))));
    }

    [Fact]
    public void ServingPage_NamesTheLibrarysMetersCounterAndDropReasons()
    {
        var page = RepositoryFiles.Read("docs/serving.md");
        string[] names =
        [
            ServingTelemetryNames.MeterName, ServingTelemetryNames.HistogramMeterPrefix + "feature.NAME", ServingTelemetryNames.HistogramMeterPrefix + "prediction.NAME",
            ServingTelemetryNames.ValuesDropped, ServingTelemetryNames.ErrorType, ModelServingOptions.ModelVariable, ModelServingOptions.EndpointVariable,
            ModelServingOptions.ApiKeyVariable, .. Enum.GetValues<DropReason>().Where(r => r != DropReason.None).Select(ServingTelemetryNames.ErrorTypeOf),
        ];

        Assert.All(names, name => Assert.Contains($"`{name}`", page, StringComparison.Ordinal));
    }

    /// <summary>The JSON between <c>&lt;&lt;'METRICS'</c> and <c>METRICS</c> in docs/semantic-conventions.md.</summary>
    private static string CurlMetricsBody()
    {
        var doc = RepositoryFiles.Read("docs/semantic-conventions.md");
        const string Open = "<<'METRICS'\n";
        var start = doc.IndexOf(Open, StringComparison.Ordinal);
        var end = doc.IndexOf("\nMETRICS\n", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the curl metrics example is missing from docs/semantic-conventions.md");
        return doc[(start + Open.Length)..end];
    }

    private static async Task<List<JsonElement>> RowsAsync(IClickHouseStore store, string sql, QueryParameters parameters) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, Cancellation)).ToList();
}
