using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// M7 in <c>/api/stats</c>: the cost of ended active runs at the collector's price file. Mean, median and total are
/// over the priced runs (null when none is); runs whose resources have no price are counted, never priced at 0.
/// </summary>
public sealed record CostPerRun
{
    /// <summary>The price file's currency; null when the collector has no price file (<c>serve --prices</c>).</summary>
    [JsonPropertyName("currency")] public string? Currency { get; init; }

    [JsonPropertyName("pricedRuns")] public long PricedRuns { get; init; }

    [JsonPropertyName("unpricedRuns")] public long UnpricedRuns { get; init; }

    [JsonPropertyName("mean")] public double? Mean { get; init; }

    [JsonPropertyName("median")] public double? Median { get; init; }

    [JsonPropertyName("total")] public double? Total { get; init; }
}
