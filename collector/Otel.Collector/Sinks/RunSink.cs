using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking;

namespace Otel.Collector.Sinks;

/// <summary>Runs, their params, tags and liveness into <c>ml_runs</c>, <c>ml_params</c>, <c>ml_tags</c> and <c>ml_run_liveness</c>.</summary>
internal sealed class RunSink : IIngestSink
{
    /// <summary>
    /// Bit of the version that marks a terminal status reported by the run (see 0002_experiment_tables.sql), or the start
    /// of a process that resumed it: a resume is newer than the previous process's end, and its own end is newer still.
    /// </summary>
    public const ulong TerminalPriority = 1UL << 62;

    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var run in batch.Runs)
        {
            WriteRun(rows.For(StorageTable.MlRuns), run, batch.ReceivedAtUnixNano);
        }

        foreach (var parameter in batch.Params)
        {
            var table = rows.For(StorageTable.MlParams);
            var json = table.BeginRow();
            json.WriteString("RunId", parameter.RunId);
            json.WriteString("Experiment", parameter.Experiment);
            json.WriteString("Key", parameter.Key);
            json.WriteString("Value", parameter.Value);
            json.WriteString("ValueType", parameter.ValueType);
            table.EndRow();
        }

        foreach (var tag in batch.Tags)
        {
            var table = rows.For(StorageTable.MlTags);
            var json = table.BeginRow();
            json.WriteString("RunId", tag.RunId);
            json.WriteString("Key", tag.Key);
            json.WriteString("Value", tag.Value);
            json.WriteTime("UpdatedAt", tag.UpdatedAtUnixNano);
            table.EndRow();
        }

        foreach (var heartbeat in batch.Heartbeats)
        {
            var table = rows.For(StorageTable.MlRunLiveness);
            var json = table.BeginRow();
            json.WriteString("RunId", heartbeat.RunId);
            json.WriteTime("LastSeen", heartbeat.LastSeenUnixNano);
            table.EndRow();
        }
    }

    private static void WriteRun(JsonEachRowWriter rows, RunLifecycleEvent run, ulong receivedAtUnixNano)
    {
        var ended = run as RunEnded;

        // A resumed run's start outranks the terminal status its previous process reported (see ResumedPriority).
        var resumed = run.ResumedAtUnixNano != 0;
        var time = Math.Min(ended?.EndTimeUnixNano ?? (resumed ? run.ResumedAtUnixNano : run.StartTimeUnixNano), TerminalPriority - 1);
        var json = rows.BeginRow();
        json.WriteString("RunId", run.RunId);
        json.WriteString("Experiment", run.Experiment);
        json.WriteString("RunName", run.RunName);
        json.WriteString("ParentRunId", run.ParentRunId);
        json.WriteString("Status", ended?.Status ?? MlSemanticConventions.Status.Running);
        json.WriteString("StatusMessage", ended?.StatusMessage ?? string.Empty);
        json.WriteTime("StartTime", run.StartTimeUnixNano);
        if (ended is not null)
        {
            json.WriteTime("EndTime", ended.EndTimeUnixNano);
        }
        else
        {
            json.WriteNull("EndTime");
        }

        json.WriteString("ServiceName", run.Resource.ServiceName);
        json.WriteString("TraceId", run.TraceId);
        json.WriteMap("Provenance", run.Provenance);
        json.WriteNumber("ReceivedAt", receivedAtUnixNano / 1_000_000);
        json.WriteString("Reproduces", run.Reproduces);
        WriteTotalSteps(json, run.TotalSteps);
        json.WriteNumber("Version", (ended is not null || resumed ? TerminalPriority : 0) | time);
        rows.EndRow();
    }

    /// <summary>
    /// The run's declared steps (migration 0020); the LOST row keeps them too. Left out when the run declared none:
    /// an omitted column is NULL, and rows of runs without it stay as they were.
    /// </summary>
    internal static void WriteTotalSteps(System.Text.Json.Utf8JsonWriter json, long? totalSteps)
    {
        if (totalSteps is { } steps)
        {
            json.WriteNumber("TotalSteps", steps);
        }
    }
}
