using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>Rows of <c>ml_slo_status</c> (migration 0017): one per SLO and evaluation time.</summary>
internal static class SloStatusRows
{
    public static void Add(RowBatch batch, SloStatus status, DateTimeOffset evaluatedAt)
    {
        var json = batch.For(StorageTable.MlSloStatus).BeginRow();
        json.WriteString("Name", status.Name);
        json.WriteNumber("EvaluatedAt", evaluatedAt.ToUnixTimeSeconds());
        json.WriteString("Model", status.Model ?? string.Empty);
        json.WriteString("Service", status.Service ?? string.Empty);
        json.WriteString("Route", status.Route ?? string.Empty);
        json.WriteString("Kind", status.Kind);
        json.WriteFloat("Objective", status.Objective);
        WriteNullable(json, "Threshold", status.Threshold);
        json.WriteString("Source", status.Source);
        json.WriteNumber("Events", status.Events);
        WriteNullable(json, "Sli", status.Sli);
        json.WriteFloat("ErrorBudgetRemaining", status.ErrorBudgetRemaining);
        var burn = status.BurnRates;
        json.WriteFloat("Burn5m", burn.FiveMinutes);
        json.WriteFloat("Burn30m", burn.ThirtyMinutes);
        json.WriteFloat("Burn1h", burn.OneHour);
        json.WriteFloat("Burn2h", burn.TwoHours);
        json.WriteFloat("Burn6h", burn.SixHours);
        json.WriteFloat("Burn1d", burn.OneDay);
        json.WriteFloat("Burn3d", burn.ThreeDays);
        json.WriteString("Alert", status.Alert);
        json.WriteString("Message", status.Message ?? string.Empty);
        batch.For(StorageTable.MlSloStatus).EndRow();
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

    /// <summary>The evaluation time a status is keyed by: now floored to the job's interval, so a replay or a second run in the same interval replaces the row.</summary>
    public static DateTimeOffset KeyTime(DateTimeOffset now, TimeSpan interval)
    {
        var seconds = now.ToUnixTimeSeconds();
        var step = Math.Max(1, (long)interval.TotalSeconds);
        return DateTimeOffset.FromUnixTimeSeconds(seconds - (seconds % step));
    }
}
