using System.Text.Json;
using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>Datasets and artifacts of runs into <c>ml_datasets</c> and <c>ml_artifacts</c>.</summary>
internal sealed class RunAssetSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var dataset in batch.Datasets)
        {
            var table = rows.For(StorageTable.MlDatasets);
            var json = table.BeginRow();
            json.WriteString("RunId", dataset.RunId);
            json.WriteString("Experiment", dataset.Experiment);
            json.WriteString("Name", dataset.Name);
            json.WriteString("Digest", dataset.Digest);
            json.WriteString("Uri", dataset.Uri);
            json.WriteString("Context", dataset.Context);
            WriteNullable(json, "Rows", dataset.Rows);
            WriteNullable(json, "Size", dataset.Size);
            json.WriteString("Format", dataset.Format);
            json.WriteString("Schema", dataset.Schema);
            json.WriteTime("LoggedAt", dataset.LoggedAtUnixNano);
            table.EndRow();
        }

        foreach (var artifact in batch.Artifacts)
        {
            var table = rows.For(StorageTable.MlArtifacts);
            var json = table.BeginRow();
            json.WriteString("RunId", artifact.RunId);
            json.WriteString("Experiment", artifact.Experiment);
            json.WriteString("Path", artifact.Path);
            json.WriteString("Sha256", artifact.Sha256);
            json.WriteNumber("Size", artifact.Size);
            json.WriteString("Uri", artifact.Uri);
            json.WriteString("Kind", artifact.Kind);
            json.WriteTime("LoggedAt", artifact.LoggedAtUnixNano);
            table.EndRow();
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string column, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(column, v);
        }
        else
        {
            json.WriteNull(column);
        }
    }
}
