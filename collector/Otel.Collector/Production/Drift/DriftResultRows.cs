using System.Text.Json;
using Otel.Collector.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// A <see cref="DriftResult"/> from a row with <c>ml_drift</c>'s column names, computed live (<see cref="DriftQueries"/>)
/// or stored by the drift job (LatestDrift): the window, how many measurements were left out and why are the caller's,
/// since the live query derives them and the table stores them.
/// </summary>
internal static class DriftResultRows
{
    public static DriftResult Read(JsonElement row, string window, DateTimeOffset windowStart, DateTimeOffset windowEnd, long mismatchedCount, string note = "") => new()
    {
        Feature = row.String("Feature"),
        Kind = row.String("Kind"),
        Psi = row.NullableDouble("Psi"),
        Js = row.NullableDouble("Js"),
        Ks = row.NullableDouble("Ks"),
        Count = row.Int64("Count"),
        BaselineCount = row.Int64("BaselineCount"),
        Status = row.String("Status"),
        Model = row.String("ModelName"),
        Version = row.Int64("ModelVersion"),
        Type = row.String("Type"),
        Window = window,
        WindowStart = windowStart,
        WindowEnd = windowEnd,
        MismatchedCount = mismatchedCount,
        Note = note,
    };
}
