using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// A run's cost: its duration times the hourly price of the resources it ran on (instance type and GPUs, from its
/// provenance), at the collector's price file. <see cref="Amount"/> is null, never 0, when it cannot be priced, and
/// <see cref="Reason"/> then says what had no price.
/// </summary>
public sealed record RunCost
{
    [JsonPropertyName("amount")] public double? Amount { get; init; }

    [JsonPropertyName("currency")] public string? Currency { get; init; }

    /// <summary>The hourly price of the run's priced resources; null when not priced.</summary>
    [JsonPropertyName("hourlyPrice")] public double? HourlyPrice { get; init; }

    /// <summary>From start to end; null while the run has not ended.</summary>
    [JsonPropertyName("hours")] public double? Hours { get; init; }

    /// <summary>Why there is no amount; null when there is one.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}
