using Otel.Collector.Sinks.Rows;
using Otel.Collector.Time;

namespace Otel.Collector.Production.Cost;

/// <summary>A run's cost at one price file, as <c>ml_run_costs</c> (migration 0018) keeps it.</summary>
internal sealed record RunCostRow(
    string RunId, string Experiment, DateTimeOffset Start, DateTimeOffset End, double? HourlyPrice, double? Cost,
    string Currency, string Reason, string PricesDigest, DateTimeOffset ComputedAt);

internal static class RunCostRows
{
    public static void Write(RowBatch batch, RunCostRow cost)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(cost);
        var rows = batch.For(StorageTable.MlRunCosts);
        var json = rows.BeginRow();
        json.WriteString("RunId", cost.RunId);
        json.WriteString("Experiment", cost.Experiment);
        json.WriteTime("StartTime", UnixTime.ToNanos(cost.Start));
        json.WriteTime("EndTime", UnixTime.ToNanos(cost.End));
        json.WriteFloat("DurationSeconds", Math.Max(0, (cost.End - cost.Start).TotalSeconds));
        WriteNullable(json, "HourlyPrice", cost.HourlyPrice);
        WriteNullable(json, "Cost", cost.Cost);
        json.WriteString("Currency", cost.Currency);
        json.WriteString("Reason", cost.Reason);
        json.WriteString("PricesDigest", cost.PricesDigest);
        json.WriteNumber("ComputedAt", cost.ComputedAt.ToUnixTimeMilliseconds());
        rows.EndRow();
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter json, string column, double? value)
    {
        if (value is { } number)
        {
            json.WriteFloat(column, number);
        }
        else
        {
            json.WriteNull(column);
        }
    }
}
