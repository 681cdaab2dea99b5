using Otel.Collector.Runs;
using Otel.Tracking;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// The <c>ml_runs</c> row that marks a run LOST. Its version has the live priority (see 0002_experiment_tables.sql):
/// it beats the run's older start, and a terminal row the run reports later still beats it.
/// </summary>
internal static class LostRunRows
{
    public static void Write(RowBatch batch, SilentRun run, string message, ulong nowUnixNano)
    {
        var rows = batch.For(StorageTable.MlRuns);
        var json = rows.BeginRow();
        json.WriteString("RunId", run.RunId);
        json.WriteString("Experiment", run.Experiment);
        json.WriteString("RunName", run.RunName);
        json.WriteString("ParentRunId", run.ParentRunId);
        json.WriteString("Status", MlSemanticConventions.Status.Lost);
        json.WriteString("StatusMessage", message);
        json.WriteTime("StartTime", run.StartTimeUnixNano);
        json.WriteNull("EndTime");
        json.WriteString("ServiceName", run.ServiceName);
        json.WriteString("TraceId", run.TraceId);
        json.WriteMap("Provenance", run.Provenance);
        json.WriteNumber("ReceivedAt", nowUnixNano / 1_000_000);
        json.WriteString("Reproduces", run.Reproduces);
        RunSink.WriteTotalSteps(json, run.TotalSteps);
        json.WriteNumber("Version", Math.Min(nowUnixNano, RunSink.TerminalPriority - 1));
        rows.EndRow();
    }
}
