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
}
