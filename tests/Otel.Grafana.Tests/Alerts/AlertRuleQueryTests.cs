using System.Text.RegularExpressions;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Alerting;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Every rule, evaluated by <see cref="AlertQueries"/> (macros, time range, expressions) on embedded ClickHouse with the
/// product schema, returns what Grafana alerting evaluates (one numeric column, label columns, unique label sets),
/// fires for exactly the instances seeded to fire and stays quiet for the near misses beside them, and for an empty
/// store (no data is healthy).
/// </summary>
public sealed partial class AlertRuleQueryTests
{
    private static readonly AlertProvisioning Alerts = AlertProvisioning.Load;

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public async Task Rule_FiresForItsSeededInstances_AndNotForTheNearMisses(string uid)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var rule = Alerts.Rule(uid);
        Assert.True(AlertRuleSeeds.ByRule.TryGetValue(uid, out var seed), $"{uid} has no seeded scenario in AlertRuleSeeds");
        await using var store = await TestStores.CreateEmbeddedAsync("alert_" + uid, cancellationToken);
        foreach (var statement in seed.Statements)
        {
            await store.ExecuteAsync(statement, cancellationToken: cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
        }

        var firing = (await EvaluateAsync(store, rule, cancellationToken)).Firing;

        Assert.Equal(seed.Firing.Order(StringComparer.Ordinal), firing.Select(instance => instance.Identity(seed.IdentityLabels)).Order(StringComparer.Ordinal));
        // What the alert concerns, for the policy's group_by [alertname, model, service] and for on-call to act on.
        Assert.All(firing, instance => Assert.Contains(instance.Labels.Keys.Concat(rule.Labels.Keys), label => label is "model" or "service" or "experiment"));

        // Annotations name labels and values that exist: a typo would print "<no value>" in every notification.
        foreach (var (name, template) in rule.Annotations)
        {
            Assert.All(LabelReference().Matches(template), reference => Assert.All(firing, instance =>
                Assert.True(instance.Labels.ContainsKey(reference.Groups[1].Value) || rule.Labels.ContainsKey(reference.Groups[1].Value), $"{uid}: annotation {name} uses $labels.{reference.Groups[1].Value}, which the query does not return")));
            Assert.All(ValueReference().Matches(template), reference => Assert.Contains(reference.Groups[1].Value, rule.Data.Select(query => query.RefId)));
        }
    }

    [Fact]
    public async Task CollectorSilent_WhileACollectorReports_IsQuiet()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await TestStores.CreateEmbeddedAsync("alert_collector_reports", cancellationToken);
        await store.ExecuteAsync("""
            INSERT INTO otel_metrics_gauge (ServiceName, MetricName, ResourceAttributes, TimeUnix, Value) VALUES
                ('otel-track-collector', 'otel_track.spool.pending.size', map('service.instance.id', 'old'), now() - INTERVAL 3 HOUR, 0),
                ('otel-track-collector', 'otel_track.spool.pending.size', map('service.instance.id', 'new'), now() - INTERVAL 1 MINUTE, 0)
            """, cancellationToken: cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

        var evaluation = await EvaluateAsync(store, Alerts.Rule("otel-track-collector-silent"), cancellationToken);

        Assert.Empty(evaluation.Firing);
        var seconds = Assert.Single(evaluation.Steps[Alerts.Rule("otel-track-collector-silent").SqlQuery.RefId]);
        Assert.InRange(seconds.Number ?? -1, 0, 300);
    }

    [Fact]
    public async Task Rules_OnAnEmptyStore_RunAndReturnNoData()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await TestStores.CreateEmbeddedAsync("alert_empty", cancellationToken);

        foreach (var rule in Alerts.Rules)
        {
            var evaluation = await EvaluateAsync(store, rule, cancellationToken);
            Assert.True(evaluation.NoData, $"{rule.Uid} on an empty store: {evaluation}");
            Assert.Empty(evaluation.Instances);
        }
    }

    /// <summary>The rule evaluated as Grafana would now: its queries on <paramref name="store"/>, then its expressions.</summary>
    private static Task<AlertEvaluation> EvaluateAsync(IClickHouseStore store, AlertRule rule, CancellationToken cancellationToken) =>
        AlertQueries.EvaluateAsync(
            rule.Node,
            async sql => QueryResult.Parse(await store.QueryAsync(sql, "JSON", cancellationToken: cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken)),
            TimeProvider.System.GetUtcNow());

    [GeneratedRegex(@"\$labels\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex LabelReference();

    [GeneratedRegex(@"\$values\.([A-Za-z0-9_]+)")]
    private static partial Regex ValueReference();
}
