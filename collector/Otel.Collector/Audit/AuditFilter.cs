namespace Otel.Collector.Audit;

/// <summary>What <c>audit list</c> selects: exact target, actor and action, and a time range [since, until).</summary>
internal sealed record AuditFilter(string? Target, string? Actor, string? Action, DateTimeOffset? Since, DateTimeOffset? Until, int Limit);
