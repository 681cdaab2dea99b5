namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Rows that make a rule fire for some instances and, beside them, near misses that must stay quiet (just under a
/// threshold, too old, superseded by a newer row, too few to judge). Times are relative to ClickHouse's now(), as
/// the rules read them.
/// </summary>
/// <param name="Statements">INSERTs into the product schema.</param>
/// <param name="IdentityLabels">The labels that name an instance in <paramref name="Firing"/>, joined with '/'.</param>
/// <param name="Firing">Exactly the instances that must fire.</param>
internal sealed record AlertRuleSeed(IReadOnlyList<string> Statements, IReadOnlyList<string> IdentityLabels, IReadOnlyList<string> Firing);
