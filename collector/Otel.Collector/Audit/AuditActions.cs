namespace Otel.Collector.Audit;

/// <summary>The actions recorded today; other parts add theirs here, as <c>noun.verb</c>.</summary>
internal static class AuditActions
{
    /// <summary>An API key appeared in the key file. Target <c>key:NAME</c>; details id, scope, created.</summary>
    public const string KeyCreate = "key.create";

    /// <summary>An API key left the key file. Target <c>key:NAME</c>; details id, scope.</summary>
    public const string KeyRevoke = "key.revoke";

    /// <summary>
    /// Requests refused for their API key in one minute, from one key (actor: its name) or, without a known key, one
    /// remote address (actor <c>remote:ADDRESS</c>). Target <c>requests:MINUTE</c>; details count, reasons, paths.
    /// </summary>
    public const string RequestDenied = "request.denied";

    // Run lifecycle and retention (docs/run-lifecycle.md). Target run:ID or experiment:NAME.

    /// <summary>A run got a new name. Details from, to.</summary>
    public const string RunRenamed = "run.renamed";

    /// <summary>A run's note (markdown) was set or cleared. Details note.</summary>
    public const string RunNoted = "run.noted";

    /// <summary>A tag was set on a run after the fact. Details key, value, previous.</summary>
    public const string RunTagged = "run.tagged";

    /// <summary>A tag was removed from a run. Details key, previous.</summary>
    public const string RunUntagged = "run.untagged";

    /// <summary>A run left the default lists. Details from (the previous state).</summary>
    public const string RunArchived = "run.archived";

    /// <summary>An archived or deleted run became active again. Details from.</summary>
    public const string RunRestored = "run.restored";

    /// <summary>A run was soft-deleted; the purge job removes its data after the grace period. Details from.</summary>
    public const string RunDeleted = "run.deleted";

    /// <summary>A run was put under legal hold: never purged, never touched by retention.</summary>
    public const string RunHeld = "run.held";

    /// <summary>A run's legal hold was released.</summary>
    public const string RunReleased = "run.released";

    /// <summary>A deleted run's data was purged (actor system:purge). Details deletedAt, deletedBy, artifacts (blobs removed).</summary>
    public const string RunPurged = "run.purged";

    /// <summary>An experiment's retention policy was set. Target experiment:NAME; details pointsDays, rawDays, artifactDays.</summary>
    public const string RetentionSet = "retention.set";

    /// <summary>The retention job deleted expired data of an experiment (actor system:retention). Details points, raw, artifacts.</summary>
    public const string RetentionEnforced = "retention.enforced";
}
