using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>Training baselines of runs into <c>ml_run_baselines</c> (per run, kind and name; the latest logged wins).</summary>
internal sealed class RunBaselineSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var baseline in batch.Baselines)
        {
            var table = rows.For(StorageTable.MlRunBaselines);
            var json = table.BeginRow();
            json.WriteString("RunId", baseline.RunId);
            json.WriteString("Experiment", baseline.Experiment);
            json.WriteString("Kind", baseline.Kind);
            json.WriteString("Name", baseline.Name);
            json.WriteString("Type", baseline.Type);
            json.WriteStartArray("Bounds");
            foreach (var bound in baseline.Bounds)
            {
                json.WriteNumberValue(bound);
            }

            json.WriteEndArray();
            json.WriteStartArray("Categories");
            foreach (var category in baseline.Categories)
            {
                json.WriteStringValue(category);
            }

            json.WriteEndArray();
            json.WriteStartArray("Counts");
            foreach (var count in baseline.Counts)
            {
                json.WriteNumberValue(count);
            }

            json.WriteEndArray();
            json.WriteString("DatasetDigest", baseline.DatasetDigest);
            json.WriteTime("LoggedAt", baseline.LoggedAtUnixNano);
            table.EndRow();
        }
    }
}
