namespace Otel.Tracking.Query;

/// <summary>Request headers of the query API beyond HTTP's own.</summary>
public static class ApiHeaders
{
    /// <summary>
    /// The OS user running the CLI, sent on every request. A collector without keys trusts it on loopback only, as the
    /// actor of what the request does (docs/audit.md, "Who"); elsewhere it is ignored.
    /// </summary>
    public const string User = "X-Otel-Track-User";
}
