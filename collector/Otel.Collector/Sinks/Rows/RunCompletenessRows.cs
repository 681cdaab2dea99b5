using Otel.Collector.Provenance;

namespace Otel.Collector.Sinks.Rows;

/// <summary>The <c>ml_run_completeness</c> row of one scored run; the newest <c>ComputedAt</c> wins.</summary>
internal static class RunCompletenessRows
{
    public static void Write(RowBatch batch, RunCompleteness score)
    {
        var rows = batch.For(StorageTable.MlRunCompleteness);
        var json = rows.BeginRow();
        json.WriteString("RunId", score.RunId);
        json.WriteFloat("Score", score.Score);
        WriteArray(json, "Present", score.Present);
        WriteArray(json, "Missing", score.Missing);
        json.WriteTime("ComputedAt", score.ComputedAtUnixNano);
        rows.EndRow();
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter json, string column, IReadOnlyList<string> values)
    {
        json.WriteStartArray(column);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
