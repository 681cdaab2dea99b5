using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Status;

/// <summary>Serving costs of several deployments of one version added up, priced only when every one of them is.</summary>
internal static class ServingCosts
{
    public static ServingCost Combine(IReadOnlyList<ServingCost> costs)
    {
        var predictions = costs.Sum(c => c.Predictions);
        var cost = costs.All(c => c.Cost is not null) ? costs.Sum(c => c.Cost!.Value) : (double?)null;
        var per1000 = cost is { } total && predictions > 0 ? total / (predictions / 1000.0) : (double?)null;
        return new ServingCost
        {
            From = costs[0].From,
            To = costs[0].To,
            InstanceHours = costs.Sum(c => c.InstanceHours),
            Predictions = predictions,
            Cost = cost,
            CostPer1000Predictions = per1000,
            Currency = costs.Select(c => c.Currency).FirstOrDefault(c => c is not null),
            Reason = per1000 is null ? costs.Select(c => c.Reason).FirstOrDefault(r => r is not null) : null,
        };
    }
}
