using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>alerts/*.yaml hold what Grafana's alerting file provisioning reads, and each rule is complete.</summary>
public sealed partial class AlertRuleStructureTests
{
    private static readonly AlertProvisioning Alerts = AlertProvisioning.Load;

    /// <summary>The dashboards of the issue 11 contract, by uid (docs/alerts.md links rules to them).</summary>
    private static readonly HashSet<string> DashboardUids =
    [
        "otel-track-experiments", "otel-track-run", "otel-track-compare", "otel-track-models", "otel-track-production",
        "otel-track-drift", "otel-track-executive", "otel-track-oncall", "otel-track-collector",
    ];

    [Fact]
    public void Files_AreAlertingProvisioningVersion1_WithOnlyKnownSections()
    {
        Assert.NotEmpty(Alerts.Files);
        foreach (var (name, root) in Alerts.Files)
        {
            Assert.True(root.Scalar("apiVersion") == "1", $"{name}: apiVersion must be 1");
            var unknown = root.Children.Keys.Select(key => key.ToString()).Where(key => !AlertProvisioning.KnownSections.Contains(key)).ToList();
            Assert.True(unknown.Count == 0, $"{name}: Grafana ignores the sections {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void Groups_EachHaveOrgFolderIntervalAndRules_WithUniqueNames()
    {
        Assert.NotEmpty(Alerts.Groups);
        foreach (var (file, group) in Alerts.Groups)
        {
            Assert.Equal("1", group.Scalar("orgId"));
            Assert.False(string.IsNullOrWhiteSpace(group.Scalar("folder")), $"{file}: a group needs a folder");
            Assert.Matches(GrafanaDuration(), group.Required("interval"));
            Assert.NotEmpty(group.Mappings("rules"));
        }

        Assert.Equal(Alerts.Groups.Count, Alerts.Groups.Select(entry => entry.Group.Required("name")).Distinct().Count());
    }

    [Fact]
    public void Rules_UidsAreUniqueAndWithinGrafanasLimits()
    {
        Assert.Equal(Alerts.Rules.Count, Alerts.Rules.Select(rule => rule.Uid).Distinct().Count());
        Assert.All(Alerts.Rules, rule => Assert.Matches(GrafanaUid(), rule.Uid));
        Assert.Equal(Alerts.Rules.Count, Alerts.Rules.Select(rule => rule.Title).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_QueriesNameTheProvisionedDatasource_AsSqlTables(string uid)
    {
        var rule = Alerts.Rule(uid);
        var provisioned = ProvisionedDatasourceUids();
        foreach (var query in rule.Data)
        {
            Assert.Equal(query.RefId, query.Model.Scalar("refId"));
            if (query.IsExpression)
            {
                continue;
            }

            Assert.Contains(query.DatasourceUid, provisioned);
            Assert.Equal(GrafanaDatasource.Uid, query.DatasourceUid);
            var datasource = query.Model.Mapping("datasource");
            Assert.NotNull(datasource);
            Assert.Equal(GrafanaDatasource.Type, datasource.Scalar("type"));
            Assert.Equal(GrafanaDatasource.Uid, datasource.Scalar("uid"));
            Assert.Equal("sql", query.Model.Scalar("editorType"));
            Assert.Contains(query.Model.Scalar("format"), new[] { "0", "1" });
            Assert.NotNull(query.RelativeTimeRange);
            Assert.False(string.IsNullOrWhiteSpace(query.RawSql));
        }
    }

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_SqlUsesNoVariablesMacrosOrDatabaseNames(string uid)
    {
        var sql = Alerts.Rule(uid).SqlQuery.RawSql!;

        // Alert rules get no dashboard variables, and $__conditionalAll is expanded only in the browser.
        Assert.DoesNotContain("$", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("[[", sql, StringComparison.Ordinal);
        // Tables by name only, so that the data source's defaultDatabase decides.
        Assert.DoesNotMatch(DatabaseQualifiedTable(), sql);
    }

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_ConditionIsAThresholdOnItsQuery(string uid)
    {
        var rule = Alerts.Rule(uid);

        Assert.Equal(rule.Data.Count, rule.Data.Select(query => query.RefId).Distinct().Count());
        var condition = rule.ConditionQuery;
        Assert.True(condition.IsExpression, $"{uid}: the condition must be a server-side expression");
        Assert.Equal("threshold", condition.Model.Scalar("type"));
        Assert.Equal(rule.SqlQuery.RefId, condition.Model.Scalar("expression"));
        var evaluator = Assert.Single(condition.Model.Mappings("conditions")).Mapping("evaluator");
        Assert.NotNull(evaluator);
        var parameters = evaluator.Strings("params");
        var expectedCount = evaluator.Scalar("type") switch
        {
            "gt" or "lt" => 1,
            "within_range" or "outside_range" => 2,
            var other => throw new InvalidOperationException($"{uid}: threshold type '{other}' is none of gt, lt, within_range, outside_range"),
        };
        Assert.Equal(expectedCount, parameters.Count);
        Assert.All(parameters, value => Assert.True(double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _), $"{uid}: threshold parameter '{value}' is not a number"));
    }

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_NoDataIsHealthy_AndABrokenQueryIsSeen(string uid)
    {
        var rule = Alerts.Rule(uid);

        Assert.Equal("OK", rule.NoDataState);
        Assert.Contains(rule.ExecErrState, new[] { "Error", "Alerting" });
        Assert.Matches(GrafanaDuration(), rule.For ?? "");
    }

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_HasSeveritySummaryDescriptionAndDashboard(string uid)
    {
        var rule = Alerts.Rule(uid);

        Assert.Contains(rule.Labels.GetValueOrDefault("severity"), new[] { "page", "ticket" });
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("summary")));
        Assert.False(string.IsNullOrWhiteSpace(rule.Annotations.GetValueOrDefault("description")));
        var dashboard = rule.Annotations.GetValueOrDefault("dashboard_url", "");
        Assert.StartsWith("/d/", dashboard, StringComparison.Ordinal);
        Assert.Contains(dashboard["/d/".Length..], DashboardUids);
    }

    /// <summary>The keys Grafana's file provisioning reads (grafana/grafana pkg/services/provisioning/alerting/rules_types.go); any other is silently ignored.</summary>
    private static readonly HashSet<string> GroupKeys = ["orgId", "name", "folder", "interval", "rules"];

    private static readonly HashSet<string> RuleKeys =
    [
        "uid", "title", "condition", "data", "dashboardUid", "panelId", "noDataState", "execErrState", "for", "keepFiringFor",
        "missing_series_evals_to_resolve", "annotations", "labels", "isPaused", "notification_settings", "record",
    ];

    private static readonly HashSet<string> QueryKeys = ["refId", "queryType", "relativeTimeRange", "datasourceUid", "model"];

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_HasOnlyKeysGrafanaReads_WithValuesItAccepts(string uid)
    {
        var rule = Alerts.Rule(uid);
        var (_, group) = Alerts.Groups.Single(entry => entry.Group.Mappings("rules").Any(r => r.Scalar("uid") == uid));

        Assert.All(group.Children.Keys.Select(key => key.ToString()), key => Assert.True(GroupKeys.Contains(key), $"group key '{key}' is not read by Grafana"));
        Assert.All(rule.Node.Children.Keys.Select(key => key.ToString()), key => Assert.True(RuleKeys.Contains(key), $"{uid}: rule key '{key}' is not read by Grafana"));
        Assert.Contains(rule.NoDataState, new[] { "OK", "NoData", "Alerting", "KeepLast" });
        Assert.Contains(rule.ExecErrState, new[] { "OK", "Error", "Alerting", "KeepLast" });
        foreach (var query in rule.Data)
        {
            Assert.All(query.Node.Children.Keys.Select(key => key.ToString()), key => Assert.True(QueryKeys.Contains(key), $"{uid}/{query.RefId}: data key '{key}' is not read by Grafana"));
            if (query.RelativeTimeRange is { } range)
            {
                // Seconds before now, as integers (models.RelativeTimeRange): from further back than to.
                var from = long.Parse(range.Required("from"), System.Globalization.CultureInfo.InvariantCulture);
                var to = long.Parse(range.Required("to"), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(from > to && to >= 0, $"{uid}/{query.RefId}: relativeTimeRange from {from} to {to}");
            }

            if (query.IsExpression)
            {
                Assert.Null(query.RelativeTimeRange);
                Assert.Contains(query.Model.Scalar("type"), new[] { "math", "reduce", "resample", "classic_conditions", "threshold", "sql" });
                Assert.Equal(query.RefId, query.Model.Scalar("refId"));
            }
        }

        // Grafana refuses a rule with one of these without the other, and the refusal stops all alert provisioning.
        Assert.Equal(rule.Annotations.ContainsKey("__dashboardUid__"), rule.Annotations.ContainsKey("__panelId__"));
    }

    private static HashSet<string> ProvisionedDatasourceUids() =>
    [
        .. Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dashboards/provisioning/datasources"), "*.yaml")
            .SelectMany(path => YamlNodes.LoadFile(path).Mappings("datasources"))
            .Select(source => source.Required("uid")),
    ];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex GrafanaUid();

    [GeneratedRegex(@"^(0|(\d+(ms|s|m|h|d|w))+)$")]
    private static partial Regex GrafanaDuration();

    [GeneratedRegex(@"\b(FROM|JOIN)\s+[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_]", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseQualifiedTable();
}
