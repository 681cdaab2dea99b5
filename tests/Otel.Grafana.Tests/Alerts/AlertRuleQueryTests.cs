using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Every rule's SQL runs on embedded ClickHouse with the product schema, returns what Grafana alerting evaluates (one
/// numeric column, label columns, unique label sets), fires for exactly the instances seeded to fire and stays quiet
/// for the near misses beside them, and for an empty store (no data is healthy).
/// </summary>
public sealed class AlertRuleQueryTests
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

        var firing = await AlertRuleEvaluation.FiringAsync(store, rule, cancellationToken);

        Assert.Equal(seed.Firing.Order(StringComparer.Ordinal), firing.Select(instance => instance.Identity(seed.IdentityLabels)).Order(StringComparer.Ordinal));
        // What the alert concerns, for the policy's group_by [alertname, model, service] and for on-call to act on.
        Assert.All(firing, instance => Assert.Contains(instance.Labels.Keys, label => label is "model" or "service" or "experiment"));
    }

    [Fact]
    public async Task Rules_OnAnEmptyStore_RunAndReturnNoData()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await TestStores.CreateEmbeddedAsync("alert_empty", cancellationToken);

        foreach (var rule in Alerts.Rules)
        {
            Assert.Empty(await AlertRuleEvaluation.InstancesAsync(store, rule, cancellationToken));
        }
    }
}
