using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Changes to a run after the fact (docs/run-lifecycle.md): rename, note, tag and untag, archive, restore, delete, hold
/// and release. Each is checked against the run's current lifecycle, audited with the request's actor, then written
/// as rows through the spool (never an UPDATE). A change that already holds is an idempotent 200 with
/// <c>changed: false</c> that writes and audits nothing; a change that would skip a state (archiving a deleted run) is
/// a 409 saying what to do.
/// </summary>
internal sealed class RunLifecycleService(IClickHouseStore store, ExportPipeline pipeline, IAuditTrail audit, LifecycleClock clock) : IDisposable
{
    private const string WriterName = "run-lifecycle";

    // Check, audit and write as one step within this collector, so two concurrent verbs cannot both act on a stale state.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task<RunLifecycleResult> ArchiveAsync(string runId, string actor, CancellationToken ct) =>
        ChangeStateAsync(runId, RunLifecycleStates.Archived, actor, ct);

    public Task<RunLifecycleResult> DeleteAsync(string runId, string actor, CancellationToken ct) =>
        ChangeStateAsync(runId, RunLifecycleStates.Deleted, actor, ct);

    public Task<RunLifecycleResult> RestoreAsync(string runId, string actor, CancellationToken ct) =>
        ChangeStateAsync(runId, RunLifecycleStates.Active, actor, ct);

    public Task<RunLifecycleResult> HoldAsync(string runId, bool hold, string actor, CancellationToken ct) =>
        ChangeAsync(runId, actor, current =>
            current.Held == hold
                ? []
                : Change(RunLifecycleFields.Hold, hold ? RunLifecycleFields.Held : RunLifecycleFields.Released,
                    hold ? AuditActions.RunHeld : AuditActions.RunReleased, []), ct);

    public Task<RunLifecycleResult> PatchAsync(string runId, RunPatchRequest patch, string actor, CancellationToken ct)
    {
        if (patch.Name is null && patch.Note is null)
        {
            return Task.FromResult(RunLifecycleResult.Invalid("nothing to change: send {\"name\": \"...\"} and/or {\"note\": \"...\"}"));
        }

        var problem = (patch.Name is { } name ? RunLifecycleLimits.CheckName(name) : null) ?? (patch.Note is { } note ? RunLifecycleLimits.CheckNote(note) : null);
        if (problem is not null)
        {
            return Task.FromResult(RunLifecycleResult.Invalid(problem));
        }

        return ChangeAsync(runId, actor, current =>
        {
            var changes = new List<PendingChange>();
            if (patch.Name is { } newName && newName != current.Name)
            {
                changes.Add(new(RunLifecycleFields.Name, newName, AuditActions.RunRenamed, new JsonObject { ["from"] = current.Name, ["to"] = newName }));
            }

            if (patch.Note is { } newNote && newNote != (current.Note ?? string.Empty))
            {
                changes.Add(new(RunLifecycleFields.Note, newNote, AuditActions.RunNoted, new JsonObject { ["note"] = newNote }));
            }

            return changes;
        }, ct);
    }

    public Task<RunLifecycleResult> TagAsync(string runId, string key, string? value, string actor, CancellationToken ct)
    {
        if (RunLifecycleLimits.CheckTag(key, value) is { } problem)
        {
            return Task.FromResult(RunLifecycleResult.Invalid(problem));
        }

        return ChangeAsync(runId, actor, current =>
            current.Tags.TryGetValue(key, out var old) && old == value
                ? []
                : [new PendingChange(null, value!, AuditActions.RunTagged, new JsonObject { ["key"] = key, ["value"] = value, ["previous"] = old }, TagKey: key)],
            ct);
    }

    public Task<RunLifecycleResult> UntagAsync(string runId, string key, string actor, CancellationToken ct) =>
        ChangeAsync(runId, actor, current =>
            !current.Tags.TryGetValue(key, out var old)
                ? []
                : [new PendingChange(null, string.Empty, AuditActions.RunUntagged, new JsonObject { ["key"] = key, ["previous"] = old }, TagKey: key, Untag: true)],
            ct);

    /// <summary>The run's lifecycle as readers see it now, or null when no such run exists.</summary>
    public async Task<RunLifecycleRecord?> ReadAsync(string runId, CancellationToken ct)
    {
        var id = new QueryParameters().Add("id", runId).Add("ids", [runId]);
        var row = JsonRows.Parse(await store.QueryAsync(
            $"SELECT RunId, RunName, State, Held, Note FROM ({RunLifecycleSql.RunsWithLifecycle}) WHERE RunId = {{id:String}}", "JSONEachRow", id, ct)).FirstOrDefault();
        if (row.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            return null;
        }

        var tags = JsonRows.Parse(await store.QueryAsync(RunLifecycleSql.CurrentTags, "JSONEachRow", id, ct))
            .ToDictionary(t => t.String("Key"), t => t.String("Value"), StringComparer.Ordinal);
        var note = row.String("Note");
        return new RunLifecycleRecord(row.String("RunId"), row.String("RunName"), row.String("State"), row.Int64("Held") == 1,
            note.Length == 0 ? null : note, tags, Changed: false);
    }

    private Task<RunLifecycleResult> ChangeStateAsync(string runId, string target, string actor, CancellationToken ct) =>
        ChangeAsync(runId, actor, current =>
        {
            if (current.State == target)
            {
                return [];
            }

            if (target == RunLifecycleStates.Archived && current.State == RunLifecycleStates.Deleted)
            {
                throw new LifecycleConflictException(
                    $"run '{runId}' is deleted, so it cannot be archived: restore it first (`otel-track runs restore {runId}`), then archive it");
            }

            var action = target switch
            {
                RunLifecycleStates.Archived => AuditActions.RunArchived,
                RunLifecycleStates.Deleted => AuditActions.RunDeleted,
                _ => AuditActions.RunRestored,
            };
            return Change(RunLifecycleFields.State, target, action, new JsonObject { ["from"] = current.State });
        }, ct);

    private async Task<RunLifecycleResult> ChangeAsync(string runId, string actor, Func<RunLifecycleRecord, List<PendingChange>> decide, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var current = await ReadAsync(runId, ct);
            if (current is null)
            {
                return RunLifecycleResult.UnknownRun(runId);
            }

            List<PendingChange> changes;
            try
            {
                changes = decide(current);
            }
            catch (LifecycleConflictException conflict)
            {
                return RunLifecycleResult.Conflict(conflict.Message);
            }

            if (changes.Count == 0)
            {
                return RunLifecycleResult.Ok(current);
            }

            var batch = new RowBatch();
            foreach (var change in changes)
            {
                var entryId = await audit.RecordAsync(actor, change.Action, "run:" + runId, change.Details, ct);
                var version = clock.Next();
                if (change.TagKey is { } key)
                {
                    RunLifecycleRows.WriteTag(batch, runId, key, change.Value, change.Untag, version);
                }
                else
                {
                    RunLifecycleRows.WriteField(batch, runId, change.Field!, change.Value, actor, version, entryId);
                }
            }

            await pipeline.WriteAsync(WriterName, batch, ct);
            return RunLifecycleResult.Ok((await ReadAsync(runId, ct))! with { Changed = true });
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static List<PendingChange> Change(string field, string value, string action, JsonObject details) =>
        [new PendingChange(field, value, action, details)];

    /// <summary>One field or tag to write, and its audit entry.</summary>
    private sealed record PendingChange(string? Field, string Value, string Action, JsonObject Details, string? TagKey = null, bool Untag = false);

    private sealed class LifecycleConflictException(string message) : Exception(message);
}
