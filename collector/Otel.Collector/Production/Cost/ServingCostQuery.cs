using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Linkage;
using Otel.Collector.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// Serving cost per 1,000 predictions of each deployment (model, version, service, environment) over a window.
/// Instance-hours come from <c>ml_serving_instance_minutes</c> (migration 0018): each minute an instance reported
/// covers the time until its next report, at most <see cref="BridgedMinutes"/> minutes (SDKs export every 60 s, and a
/// late export must not lose a minute; a longer silence is a stopped instance), and its last minute covers one minute.
/// Predictions are the request counts of the deployment's <c>http.server.request.duration</c> series, through
/// <see cref="ServingMinutesSql.Increments"/>.
/// </summary>
internal sealed class ServingCostQuery(IClickHouseStore store, PriceBook prices)
{
    public const int BridgedMinutes = 5;

    private static readonly string InstancesSql = $"""
        SELECT ModelName, ModelVersion, ServiceName, Environment, Instance,
               any(HostType) AS HostType, any(CloudProvider) AS CloudProvider, any(CloudRegion) AS CloudRegion,
               any(GpuModel) AS GpuModel, max(GpuCount) AS GpuCount,
               arraySort(groupUniqArray(Minute)) AS Minutes,
               arraySum(i -> if(i < length(Minutes), least(toUInt32(Minutes[i + 1]) - toUInt32(Minutes[i]), {BridgedMinutes * 60}), 60),
                        arrayEnumerate(Minutes)) / 3600 AS Hours
        FROM ml_serving_instance_minutes
        WHERE Minute >= toDateTime({"{window_from:DateTime}"}, 'UTC') AND Minute < toDateTime({"{window_to:DateTime}"}, 'UTC')
          AND ({"{model:String}"} = '' OR ModelName = {"{model:String}"})
        GROUP BY ModelName, ModelVersion, ServiceName, Environment, Instance
        """;

    private static readonly string PredictionsSql = $"""
        SELECT ModelName, ModelVersion, ServiceName, Environment, sum(Increase) AS Predictions
        FROM ({ServingMinutesSql.Increments("MetricName = 'http.server.request.duration' AND ModelName != '' AND ({model:String} = '' OR ModelName = {model:String})")})
        GROUP BY ModelName, ModelVersion, ServiceName, Environment
        """;

    /// <summary>Every deployment of <paramref name="model"/> (every model when null) that served or ran in the window ending at <paramref name="to"/>.</summary>
    public async Task<IReadOnlyDictionary<DeploymentKey, ServingCost>> GetAsync(string? model, ServingWindow window, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var from = to - window.Length;
        var parameters = new QueryParameters().AddWindow(from, to).Add("model", model ?? string.Empty);
        var instances = new Dictionary<DeploymentKey, List<(double Hours, PricedResources Resources)>>();
        foreach (var row in JsonRows.Parse(await store.QueryAsync(InstancesSql, "JSONEachRow", parameters, cancellationToken)))
        {
            var resources = new PricedResources(row.String("HostType"), row.String("CloudProvider"), row.String("CloudRegion"),
                row.String("GpuModel"), (int)Math.Max(1, row.Int64("GpuCount")));
            var key = Key(row);
            if (!instances.TryGetValue(key, out var list))
            {
                instances[key] = list = [];
            }

            list.Add((row.Double("Hours"), resources));
        }

        var predictions = JsonRows.Parse(await store.QueryAsync(PredictionsSql, "JSONEachRow", parameters, cancellationToken))
            .ToDictionary(Key, row => row.Int64("Predictions"));
        var table = prices.Current;
        return instances.Keys.Union(predictions.Keys).ToDictionary(
            key => key,
            key => Cost(from, to, table, instances.GetValueOrDefault(key) ?? [], predictions.GetValueOrDefault(key)));
    }

    private static ServingCost Cost(DateTimeOffset from, DateTimeOffset to, PriceTable? table, List<(double Hours, PricedResources Resources)> instances, long predictions)
    {
        var hours = instances.Sum(i => i.Hours);
        var result = new ServingCost { From = from, To = to, InstanceHours = hours, Predictions = predictions, Currency = table?.Currency };
        if (table is null)
        {
            return result with { Reason = PriceBook.NoPriceFile };
        }

        if (instances.Count == 0)
        {
            return result with { Reason = "no instance reported http.server.request.duration with ml.model.name in the window" };
        }

        var priced = instances.Select(i => (i.Hours, Price: table.HourlyPrice(i.Resources))).ToList();
        if (priced.Where(p => p.Price.Hourly is null).Select(p => p.Price.Reason!).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } reasons)
        {
            return result with { Reason = "an instance cannot be priced: " + string.Join("; ", reasons) };
        }

        var cost = priced.Sum(p => p.Hours * p.Price.Hourly!.Value);
        return predictions == 0
            ? result with { Cost = cost, Reason = "no predictions in the window" }
            : result with { Cost = cost, CostPer1000Predictions = cost / (predictions / 1000.0) };
    }

    private static DeploymentKey Key(System.Text.Json.JsonElement row) =>
        new(row.String("ModelName"), row.String("ModelVersion"), row.String("ServiceName"), row.String("Environment"));
}
