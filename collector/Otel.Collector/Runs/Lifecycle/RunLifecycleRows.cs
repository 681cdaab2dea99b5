using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>Rows a change after the fact writes: a lifecycle field of a run, or a tag set or removed.</summary>
internal static class RunLifecycleRows
{
    public static void WriteField(RowBatch batch, string runId, string field, string value, string actor, ulong versionNanos, string auditEntryId)
    {
        var rows = batch.For(StorageTable.MlRunLifecycle);
        var json = rows.BeginRow();
        json.WriteString("RunId", runId);
        json.WriteString("Field", field);
        json.WriteString("Value", value);
        json.WriteString("Actor", actor);
        json.WriteNumber("At", versionNanos / 1_000_000);
        json.WriteNumber("Version", versionNanos);
        json.WriteString("AuditEntryId", auditEntryId);
        rows.EndRow();
    }

    /// <summary>A tag row newer than the run's own: its value, or with <paramref name="deleted"/> a tombstone that hides the key.</summary>
    public static void WriteTag(RowBatch batch, string runId, string key, string value, bool deleted, ulong updatedAtNanos)
    {
        var rows = batch.For(StorageTable.MlTags);
        var json = rows.BeginRow();
        json.WriteString("RunId", runId);
        json.WriteString("Key", key);
        json.WriteString("Value", value);
        json.WriteTime("UpdatedAt", updatedAtNanos);
        json.WriteNumber("Deleted", deleted ? 1 : 0);
        rows.EndRow();
    }
}
