using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Audit;

/// <summary>The rows of the audit tables; times are unix milliseconds (the columns are DateTime64(3)).</summary>
internal static class AuditRows
{
    public static void WritePending(RowBatch batch, string entryId, long timeMs, string actor, string action, string target, string details, string acceptedBy)
    {
        var rows = batch.For(StorageTable.MlAuditPending);
        var json = rows.BeginRow();
        json.WriteString("EntryId", entryId);
        json.WriteNumber("Time", timeMs);
        json.WriteString("Actor", actor);
        json.WriteString("Action", action);
        json.WriteString("Target", target);
        json.WriteString("Details", details);
        json.WriteString("AcceptedBy", acceptedBy);
        rows.EndRow();
    }

    public static void WriteEntry(RowBatch batch, AuditRow row, string sequencedBy)
    {
        var rows = batch.For(StorageTable.MlAuditLog);
        var json = rows.BeginRow();
        json.WriteNumber("Seq", row.Seq);
        json.WriteNumber("Term", row.Term);
        json.WriteString("EntryId", row.EntryId);
        json.WriteNumber("Time", row.TimeMs);
        json.WriteString("Actor", row.Actor);
        json.WriteString("Action", row.Action);
        json.WriteString("Target", row.Target);
        json.WriteString("Details", row.Details);
        json.WriteString("PrevHash", row.PrevHash);
        json.WriteString("Hash", row.Hash);
        json.WriteString("SequencedBy", sequencedBy);
        rows.EndRow();
    }
}
