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

    // The model registry (docs/registry.md): targets model:NAME, model:NAME/VERSION and model:NAME@ALIAS.

    /// <summary>A version was registered. Target <c>model:NAME/VERSION</c>; details runId, artifact path and sha256.</summary>
    public const string ModelRegister = "model.register";

    /// <summary>A model's description or tags changed. Target <c>model:NAME</c>; details the new values.</summary>
    public const string ModelUpdate = "model.update";

    /// <summary>A version's description, tags or archived flag changed. Target <c>model:NAME/VERSION</c>; details the new values.</summary>
    public const string ModelVersionUpdate = "model.version.update";

    /// <summary>An alias was set or moved. Target <c>model:NAME@ALIAS</c>; details version, previousVersion, reason, movedAt.</summary>
    public const string AliasMove = "alias.move";

    /// <summary>An alias was deleted. Target <c>model:NAME@ALIAS</c>; details previousVersion, reason, movedAt.</summary>
    public const string AliasDelete = "alias.delete";

    // Governance (docs/governance.md): gates, approvals, promotions, deployments and webhook deliveries.

    /// <summary>A gate was set on an alias. Target <c>model:NAME@ALIAS</c>; details the gate's conditions.</summary>
    public const string GateSet = "gate.set";

    /// <summary>A gate was removed: the alias is no longer protected. Target <c>model:NAME@ALIAS</c>.</summary>
    public const string GateDelete = "gate.delete";

    /// <summary>A version was approved for an alias. Target <c>model:NAME/VERSION</c>; details alias, comment.</summary>
    public const string ApprovalApprove = "approval.approve";

    /// <summary>A version was rejected for an alias (withdrawing an earlier approval by the same identity). Target <c>model:NAME/VERSION</c>; details alias, comment.</summary>
    public const string ApprovalReject = "approval.reject";

    /// <summary>A promotion passed every gate and moved the alias. Target <c>model:NAME@ALIAS</c>; details version, previousVersion, verdicts.</summary>
    public const string PromotionPromote = "promotion.promote";

    /// <summary>A promotion was refused by a gate; the alias did not move. Target <c>model:NAME@ALIAS</c>; details version, verdicts.</summary>
    public const string PromotionRefuse = "promotion.refuse";

    /// <summary>An admin moved a gated alias over its gates (<c>--force</c>). Target <c>model:NAME@ALIAS</c>; details version, previousVersion, verdicts.</summary>
    public const string PromotionForce = "promotion.force";

    /// <summary>A version was deployed to an environment. Target <c>model:NAME/VERSION</c>; details environment, source.</summary>
    public const string DeploymentRecord = "deployment.record";

    /// <summary>A webhook notification was delivered (a 2xx answer). Target the fact's; details deliveryId, event, url, attempts, status.</summary>
    public const string WebhookDelivered = "webhook.delivered";

    /// <summary>A webhook notification failed for good (retries exhausted or refused). Target the fact's; details deliveryId, event, url, attempts, error.</summary>
    public const string WebhookFailed = "webhook.failed";

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

    /// <summary>
    /// An SLO was applied (<c>slo apply</c>, or <c>serve --slos</c> at start, actor system:slos-file), replacing the SLO
    /// of the same name. Target <c>slo:NAME</c>; details the definition, source and previous definition (docs/slos.md).
    /// </summary>
    public const string SloApply = "slo.apply";

    /// <summary>An SLO was deleted (<c>slo delete</c>). Target <c>slo:NAME</c>; details the deleted definition (docs/slos.md).</summary>
    public const string SloDelete = "slo.delete";
}
