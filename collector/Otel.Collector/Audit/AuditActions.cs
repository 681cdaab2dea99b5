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
}
