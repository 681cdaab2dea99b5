using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Compose;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>Contact points, the policy tree and mute timings reference each other, and route both severities.</summary>
public sealed partial class AlertRoutingTests
{
    private static readonly AlertProvisioning Alerts = AlertProvisioning.Load;

    /// <summary>The secrets, and which integration setting reads each (docs/alerts.md, "Routing").</summary>
    private static readonly Dictionary<string, (string Type, string Setting)> SecretVariables = new()
    {
        ["OTEL_TRACK_PAGERDUTY_KEY"] = ("pagerduty", "integrationKey"),
        ["OTEL_TRACK_OPSGENIE_KEY"] = ("opsgenie", "apiKey"),
        ["OTEL_TRACK_ALERT_WEBHOOK_URL"] = ("webhook", "url"),
    };

    /// <summary>The policy tree's one variable: the contact point pages go to, and the values docs/alerts.md names for it.</summary>
    private const string PageReceiverVariable = "OTEL_TRACK_PAGE_RECEIVER";

    private static readonly string[] PageReceivers = ["otel-track-pages", "otel-track-tickets"];

    [Fact]
    public void ContactPoints_PagerDutyOpsgenieAndWebhook_ReadTheirSecretsFromTheEnvironment()
    {
        var receivers = Alerts.ContactPoints.SelectMany(point => point.Mappings("receivers")).ToList();
        Assert.Equal(receivers.Count, receivers.Select(receiver => receiver.Required("uid")).Distinct().Count());
        Assert.All(receivers, receiver => Assert.Matches(GrafanaUid(), receiver.Required("uid")));
        Assert.Equal(Alerts.ContactPoints.Count, Alerts.ContactPoints.Select(point => point.Required("name")).Distinct().Count());

        foreach (var (variable, (type, setting)) in SecretVariables)
        {
            var receiver = Assert.Single(receivers, receiver => receiver.Scalar("type") == type);
            var settings = receiver.Mapping("settings");
            Assert.NotNull(settings);
            Assert.Equal("$" + variable, settings.Scalar(setting));
        }

        var documented = RepositoryFiles.Read("docs/alerts.md");
        Assert.All(SecretVariables.Keys, variable => Assert.Contains(variable, documented, StringComparison.Ordinal));
    }

    [Fact]
    public void ContactPoints_ExpandNoOtherVariable_SoALiteralDollarIsNotLost()
    {
        // Grafana expands $NAME in contact-point settings; any $ that is not one of the documented secrets would be
        // replaced (by nothing) unless written $$.
        foreach (var point in Alerts.ContactPoints)
        {
            foreach (var receiver in point.Mappings("receivers"))
            {
                foreach (var (key, value) in receiver.StringMap("settings"))
                {
                    var expanded = Variable().Matches(value.Replace("$$", "", StringComparison.Ordinal)).Select(match => match.Groups[1].Value);
                    Assert.All(expanded, name => Assert.True(SecretVariables.ContainsKey(name), $"{point.Required("name")}.{key} expands ${name}"));
                }
            }
        }
    }

    [Fact]
    public void Policies_ExpandOnlyThePageReceiver_WhichDocsAndComposeSet()
    {
        var policies = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "alerts", "policies.yaml"));
        var expanded = Variable().Matches(policies.Replace("$$", "", StringComparison.Ordinal)).Select(match => match.Groups[1].Value).Distinct();

        Assert.Equal([PageReceiverVariable], expanded);
        var documented = RepositoryFiles.Read("docs/alerts.md");
        Assert.Contains(PageReceiverVariable, documented, StringComparison.Ordinal);
        Assert.All(PageReceivers, receiver => Assert.Contains(receiver, documented, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("grafana")]
    [InlineData("grafana-cluster")]
    public void Compose_GrafanaWithoutKeys_RoutesPagesToTheWebhook_AndSetsEveryVariableAlertsRead(string service)
    {
        var environment = ComposeFile.Load().Services[service].Environment;

        // Unset, the local stack pages the ticketing webhook: the placeholder keys never reach PagerDuty or Opsgenie.
        Assert.Equal("otel-track-tickets", ComposeInterpolation.WithDefaults(environment[PageReceiverVariable]));
        var root = Assert.Single(Alerts.Policies);
        var pages = root.Route(new Dictionary<string, string> { ["severity"] = "page", ["model"] = "churn" });
        Assert.Equal(["otel-track-tickets"], pages.Select(route => Receiver(route, ComposeInterpolation.WithDefaults(environment[PageReceiverVariable]))));
        Assert.All(SecretVariables.Keys.Append(PageReceiverVariable), variable =>
            Assert.False(string.IsNullOrEmpty(ComposeInterpolation.WithDefaults(environment.GetValueOrDefault(variable, ""))), $"{service} does not set {variable}, which alerts/ reads"));
    }

    [Theory]
    [InlineData("otel-track-pages")]
    [InlineData("otel-track-tickets")]
    public void Policies_AreOneTree_GroupedByRuleModelAndService_WithKnownReceiversAndMuteTimings(string pageReceiver)
    {
        var root = Assert.Single(Alerts.Policies);
        var contactPoints = Alerts.ContactPoints.Select(point => point.Required("name")).ToHashSet();
        var muteTimes = Alerts.MuteTimes.Select(timing => timing.Required("name")).ToHashSet();

        Assert.Equal(["alertname", "model", "service"], root.GroupBy);
        foreach (var route in root.SelfAndDescendants)
        {
            Assert.Contains(Receiver(route, pageReceiver), contactPoints);
            Assert.All(route.MuteTimeIntervals, name => Assert.Contains(name, muteTimes));
            Assert.All(new[] { route.GroupWait, route.GroupInterval, route.RepeatInterval }, duration => Assert.Matches(GrafanaDuration(), duration ?? ""));
        }

        var referenced = root.SelfAndDescendants.SelectMany(route => route.MuteTimeIntervals).ToHashSet();
        Assert.All(muteTimes, name => Assert.Contains(name, referenced));
    }

    [Fact]
    public void Policies_EveryContactPoint_ReceivesWhenKeysAreSet()
    {
        var root = Assert.Single(Alerts.Policies);
        var receiving = root.SelfAndDescendants.Select(route => Receiver(route, "otel-track-pages")).ToHashSet();

        Assert.All(Alerts.ContactPoints.Select(point => point.Required("name")), name => Assert.Contains(name, receiving));
    }

    [Fact]
    public void Policies_PagesGoToPagerDutyAndOpsgenie_TicketsToTheWebhook_Quickly()
    {
        var root = Assert.Single(Alerts.Policies);

        var pages = root.Route(new Dictionary<string, string> { ["severity"] = "page", ["model"] = "churn" });
        Assert.Equal(["otel-track-pages"], pages.Select(route => Receiver(route, "otel-track-pages")));
        var pageIntegrations = Alerts.ContactPoints.Single(point => point.Required("name") == "otel-track-pages").Mappings("receivers");
        Assert.Equal(["opsgenie", "pagerduty"], pageIntegrations.Select(receiver => receiver.Required("type")).Order(StringComparer.Ordinal));
        Assert.All(pages, route => Assert.True(Duration(route.GroupWait!) <= TimeSpan.FromMinutes(1), "a page waits at most a minute for its group"));

        var tickets = root.Route(new Dictionary<string, string> { ["severity"] = "ticket", ["service"] = "checkout" });
        Assert.Equal(["otel-track-tickets"], tickets.Select(route => Receiver(route, "otel-track-pages")));

        Assert.Equal(["otel-track-tickets"], root.Route(new Dictionary<string, string>()).Select(route => Receiver(route, "otel-track-pages")));
    }

    [Fact]
    public void Rules_EverySeverityIsDeliveredByARouteThatMatchesIt()
    {
        var root = Assert.Single(Alerts.Policies);
        foreach (var rule in Alerts.Rules)
        {
            var routes = root.Route(rule.Labels);
            Assert.All(routes, route => Assert.NotSame(root, route));
            Assert.All(routes, route => Assert.Contains(route.Matchers, matcher => matcher == ("severity", "=", rule.Labels["severity"])));
        }
    }

    [Fact]
    public void MuteTimings_HaveValidIntervals()
    {
        var timing = Assert.Single(Alerts.MuteTimes);
        Assert.Equal("1", timing.Scalar("orgId"));
        foreach (var interval in timing.Mappings("time_intervals"))
        {
            Assert.All(interval.Strings("weekdays"), day => Assert.Contains(day, new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }));
            foreach (var range in interval.Mappings("times"))
            {
                Assert.True(string.CompareOrdinal(range.Required("start_time"), range.Required("end_time")) < 0, "a time range starts before it ends");
            }

            Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(interval.Required("location")));
        }
    }

    /// <summary>The route's receiver as Grafana reads it with <see cref="PageReceiverVariable"/> set to <paramref name="pageReceiver"/>.</summary>
    private static string Receiver(NotificationRoute route, string pageReceiver) =>
        (route.Receiver ?? "").Replace("$" + PageReceiverVariable, pageReceiver, StringComparison.Ordinal);

    private static TimeSpan Duration(string text)
    {
        var match = SingleDuration().Match(text);
        Assert.True(match.Success, $"'{text}' is not a single-unit duration");
        var amount = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex GrafanaUid();

    [GeneratedRegex(@"^(\d+(s|m|h|d))+$")]
    private static partial Regex GrafanaDuration();

    [GeneratedRegex(@"^(\d+)(s|m|h|d)$")]
    private static partial Regex SingleDuration();
}
