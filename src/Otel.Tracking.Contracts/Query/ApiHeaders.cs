namespace Otel.Tracking.Query;

/// <summary>Request and response headers of the query API beyond HTTP's own.</summary>
public static class ApiHeaders
{
    /// <summary>
    /// The OS user running the CLI, sent on every request. A collector without keys trusts it on loopback only, as the
    /// actor of what the request does (docs/audit.md, "Who"); elsewhere it is ignored.
    /// </summary>
    public const string User = "X-Otel-Track-User";

    /// <summary>
    /// On a list answer that a limit may cut (<c>/api/runs</c>, <c>/api/leaderboard</c>): how many rows matched before the
    /// limit, so that a reader can say the list was cut while the body keeps its JSON array shape.
    /// </summary>
    public const string TotalCount = "X-Total-Count";
}
