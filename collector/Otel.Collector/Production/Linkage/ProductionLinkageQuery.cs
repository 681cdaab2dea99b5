using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Linkage;

/// <summary>
/// M8: of the requests that model-serving services answered in a window (the request counts of their
/// <c>http.server.request.duration</c> series, through <see cref="ServingMinutesSql.Increments"/>), the share that a
/// registered version whose run is stored served. A stamped run id that differs from the version's run still counts
/// as linked: the version names its run; the deployments answer flags the difference.
/// </summary>
internal sealed class ProductionLinkageQuery(IClickHouseStore store, TimeProvider time)
{
    private static readonly string Sql = $"""
        SELECT sum(Increase) AS Requests,
               sumIf(Increase, (ModelName, ModelVersion) IN (
                   SELECT Name, toString(Version) FROM ml_model_versions FINAL WHERE RunId IN (SELECT RunId FROM ml_runs))) AS Linked
        FROM ({ServingMinutesSql.Increments("MetricName = 'http.server.request.duration' AND ModelName != ''")})
        """;

    /// <summary>The window M8 is measured over, and the deployments' when a request names none: the last day.</summary>
    public static ServingWindow Window { get; } = ServingWindow.Parse("24h");

    /// <summary>Over the last <see cref="Window"/>.</summary>
    public async Task<ProductionLinkage> GetAsync(CancellationToken cancellationToken)
    {
        var (from, to) = Window.EndingAt(time.GetUtcNow());
        var parameters = new QueryParameters().AddWindow(from, to);
        var row = JsonRows.Parse(await store.QueryAsync(Sql, "JSONEachRow", parameters, cancellationToken)).Single();
        var requests = row.Int64("Requests");
        var linked = row.Int64("Linked");
        return new ProductionLinkage
        {
            From = from,
            To = to,
            Window = Window.Name,
            Requests = requests,
            LinkedRequests = linked,
            Rate = requests == 0 ? null : (double)linked / requests,
        };
    }
}
