using System.Text.Json;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Drift;

/// <summary>The <c>ml_drift</c> row of one measurement (migration 0016): keyed by version, feature, kind, window and window end.</summary>
internal static class DriftRows
{
    public static void Write(RowBatch batch, DriftResult result, DateTimeOffset computedAt)
    {
        var rows = batch.For(StorageTable.MlDrift);
        var json = rows.BeginRow();
        json.WriteString("ModelName", result.Model);
        json.WriteNumber("ModelVersion", result.Version);
        json.WriteString("Feature", result.Feature);
        json.WriteString("Kind", result.Kind);
        json.WriteString("Type", result.Type);
        json.WriteString("Window", result.Window);
        json.WriteNumber("WindowEnd", result.WindowEnd.ToUnixTimeSeconds());
        json.WriteNumber("WindowSeconds", (long)(result.WindowEnd - result.WindowStart).TotalSeconds);
        WriteMetric(json, "Psi", result.Psi);
        WriteMetric(json, "Js", result.Js);
        WriteMetric(json, "Ks", result.Ks);
        json.WriteNumber("Count", result.Count);
        json.WriteNumber("BaselineCount", result.BaselineCount);
        json.WriteNumber("MismatchedCount", result.MismatchedCount);
        json.WriteString("Status", result.Status);
        json.WriteNumber("ComputedAt", computedAt.ToUnixTimeMilliseconds()); // DateTime64(3): an integer in milliseconds
        rows.EndRow();
    }

    private static void WriteMetric(Utf8JsonWriter json, string column, double? value)
    {
        if (value is { } metric)
        {
            json.WriteFloat(column, metric);
        }
        else
        {
            json.WriteNull(column);
        }
    }
}
