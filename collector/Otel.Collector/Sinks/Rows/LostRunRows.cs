using Otel.Collector.Runs;
using Otel.Tracking;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// The <c>ml_runs</c> row that marks a run LOST. Its version beats the run's RUNNING row (see 0002_experiment_tables.sql),
/// and a terminal row the run reports later still beats it.
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
        json.WriteNumber("Version", LostVersion(run, nowUnixNano));
        rows.EndRow();
    }

    /// <summary>
    /// The live priority and now; but a resumed run's RUNNING row has the terminal priority (RunSink), so its mark is
    /// one above that row: it still loses to the end the resumed process reports later.
    /// </summary>
    private static ulong LostVersion(SilentRun run, ulong nowUnixNano) =>
        run.Version >= RunSink.TerminalPriority ? run.Version + 1 : Math.Min(nowUnixNano, RunSink.TerminalPriority - 1);
}
