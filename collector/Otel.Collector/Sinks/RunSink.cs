using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Export;
using Otel.Tracking;

namespace Otel.Collector.Mapping;

/// <summary>Writes the experiment-table rows of one span of an ML run.</summary>
internal static class RunRowWriter
{
    /// <summary>Bit of the version that marks a terminal status reported by the run (see 0002_experiment_tables.sql).</summary>
    public const ulong TerminalPriority = 1UL << 62;

    /// <summary>Experiment of runs that name none, as in MLflow.</summary>
    public const string DefaultExperiment = "Default";

    public static void Write(RowBatch batch, Span span, RunSpanFacts facts, SpanAssets assets, string serviceName,
        List<KeyValuePair<string, string>> resource, ulong receivedAtUnixNano, MappingContext context)
    {
        var experiment = string.IsNullOrEmpty(facts.Experiment) ? DefaultExperiment : facts.Experiment;
        var isStart = span.Name == MlSemanticConventions.RunStartSpan;
        var isEnd = span.Name == MlSemanticConventions.RunSpan;
        if (isStart || isEnd)
        {
            WriteRun(batch, span, facts, experiment, isEnd, serviceName, context.Provenance.ForRun(resource, facts, receivedAtUnixNano), receivedAtUnixNano, context);
            WriteParams(batch, facts, experiment);
        }

        var tagTime = isStart ? span.StartTimeUnixNano : span.EndTimeUnixNano;
        foreach (var (key, value) in facts.Tags)
        {
            var json = batch.For(StorageTable.MlTags).BeginRow();
            json.WriteString("RunId", facts.RunId);
            json.WriteString("Key", key);
            json.WriteString("Value", value);
            json.WriteTime("UpdatedAt", tagTime);
            batch.For(StorageTable.MlTags).EndRow();
        }

        MlMetricRows.Write(batch.MlMetrics, facts.RunId, experiment, assets.Points);

        WriteDatasets(batch, facts.RunId, experiment, assets.Datasets);
        WriteArtifacts(batch, facts.RunId, experiment, assets.Artifacts);
    }

    private static void WriteDatasets(RowBatch batch, string runId, string experiment, List<DatasetRecord> datasets)
    {
        foreach (var dataset in datasets)
        {
            var rows = batch.For(StorageTable.MlDatasets);
            var json = rows.BeginRow();
            json.WriteString("RunId", runId);
            json.WriteString("Experiment", experiment);
            json.WriteString("Name", dataset.Name);
            json.WriteString("Digest", dataset.Digest);
            json.WriteString("Uri", dataset.Uri);
            json.WriteString("Context", dataset.Context);
            WriteNullable(json, "Rows", dataset.Rows);
            WriteNullable(json, "Size", dataset.Size);
            json.WriteString("Format", dataset.Format);
            json.WriteString("Schema", dataset.Schema);
            json.WriteTime("LoggedAt", dataset.LoggedAt);
            rows.EndRow();
        }
    }

    private static void WriteArtifacts(RowBatch batch, string runId, string experiment, List<ArtifactRecord> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            var rows = batch.For(StorageTable.MlArtifacts);
            var json = rows.BeginRow();
            json.WriteString("RunId", runId);
            json.WriteString("Experiment", experiment);
            json.WriteString("Path", artifact.Path);
            json.WriteString("Sha256", artifact.Sha256);
            json.WriteNumber("Size", artifact.Size);
            json.WriteString("Uri", artifact.Uri);
            json.WriteString("Kind", artifact.Kind);
            json.WriteTime("LoggedAt", artifact.LoggedAt);
            rows.EndRow();
        }
    }

    private static void WriteNullable(System.Text.Json.Utf8JsonWriter json, string column, long? value)
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

    public static void WriteLiveness(RowBatch batch, string runId, ulong lastSeenUnixNano)
    {
        var rows = batch.For(StorageTable.MlRunLiveness);
        var json = rows.BeginRow();
        json.WriteString("RunId", runId);
        json.WriteTime("LastSeen", lastSeenUnixNano);
        rows.EndRow();
    }

    private static void WriteRun(RowBatch batch, Span span, RunSpanFacts facts, string experiment, bool isEnd,
        string serviceName, List<KeyValuePair<string, string>> provenance, ulong receivedAtUnixNano, MappingContext context)
    {
        var status = isEnd ? TerminalStatus(span, facts.ReportedStatus) : MlSemanticConventions.Status.Running;
        var time = Math.Min(isEnd ? span.EndTimeUnixNano : span.StartTimeUnixNano, TerminalPriority - 1);
        var rows = batch.For(StorageTable.MlRuns);
        var json = rows.BeginRow();
        json.WriteString("RunId", facts.RunId);
        json.WriteString("Experiment", experiment);
        json.WriteString("RunName", facts.RunName ?? string.Empty);
        json.WriteString("ParentRunId", facts.ParentRunId ?? string.Empty);
        json.WriteString("Status", status);
        json.WriteString("StatusMessage", isEnd ? context.Redactor.RedactText(span.Status?.Message ?? string.Empty) : string.Empty);
        json.WriteTime("StartTime", span.StartTimeUnixNano);
        if (isEnd)
        {
            json.WriteTime("EndTime", span.EndTimeUnixNano);
        }
        else
        {
            json.WriteNull("EndTime");
        }

        json.WriteString("ServiceName", serviceName);
        json.WriteString("TraceId", OtlpText.Hex(span.TraceId));
        json.WriteMap("Provenance", provenance);
        json.WriteNumber("ReceivedAt", receivedAtUnixNano / 1_000_000);
        json.WriteString("Reproduces", facts.Reproduces ?? string.Empty);
        json.WriteNumber("Version", (isEnd ? TerminalPriority : 0) | time);
        rows.EndRow();
    }

    private static void WriteParams(RowBatch batch, RunSpanFacts facts, string experiment)
    {
        var rows = batch.For(StorageTable.MlParams);
        foreach (var (key, value, type) in facts.Params)
        {
            var json = rows.BeginRow();
            json.WriteString("RunId", facts.RunId);
            json.WriteString("Experiment", experiment);
            json.WriteString("Key", key);
            json.WriteString("Value", value);
            json.WriteString("ValueType", type);
            rows.EndRow();
        }
    }

    /// <summary>Unset or Ok → FINISHED, Error → FAILED, unless the run reported KILLED (or another terminal status) itself.</summary>
    private static string TerminalStatus(Span span, string? reported) => reported switch
    {
        MlSemanticConventions.Status.Finished or MlSemanticConventions.Status.Failed or MlSemanticConventions.Status.Killed => reported,
        _ => span.Status?.Code == Status.Types.StatusCode.Error ? MlSemanticConventions.Status.Failed : MlSemanticConventions.Status.Finished,
    };
}
