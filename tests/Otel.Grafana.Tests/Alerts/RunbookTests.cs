using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>Every rule links a runbook that exists, every runbook belongs to a rule, and docs/alerts.md lists them all.</summary>
public sealed partial class RunbookTests
{
    /// <summary>The one base of every runbook_url (annotations are not expanded from the environment; docs/alerts.md).</summary>
    private const string RunbookBase = "https://otel-track.example/docs/runbooks/";

    private static readonly AlertProvisioning Alerts = AlertProvisioning.Load;

    [Theory]
    [MemberData(nameof(AlertProvisioning.RuleUids), MemberType = typeof(AlertProvisioning))]
    public void Rule_RunbookUrlPointsAtItsRunbookFile_WhichExists(string uid)
    {
        var url = Alerts.Rule(uid).Annotations.GetValueOrDefault("runbook_url") ?? "";

        Assert.StartsWith(RunbookBase, url, StringComparison.Ordinal);
        var file = url[RunbookBase.Length..];
        Assert.Equal(uid["otel-track-".Length..] + ".md", file);
        var text = RepositoryFiles.Read("docs/runbooks/" + file);
        Assert.Contains($"`{uid}`", text, StringComparison.Ordinal);
        Assert.Contains("**What it means.**", text, StringComparison.Ordinal);
        Assert.Contains("**Look first.**", text, StringComparison.Ordinal);
        Assert.Contains("**What to do.**", text, StringComparison.Ordinal);
        Assert.Contains("**Silence responsibly.**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbooks_EachBelongToARule()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs/runbooks"), "*.md").Select(path => Path.GetFileName(path));
        var linked = Alerts.Rules.Select(rule => rule.Annotations["runbook_url"][RunbookBase.Length..]).ToHashSet();

        Assert.All(files, file => Assert.Contains(file, linked));
    }

    [Fact]
    public void AlertsPage_ListsEveryRuleWithItsSeverityAndRunbook()
    {
        var page = RepositoryFiles.Read("docs/alerts.md");
        foreach (var rule in Alerts.Rules)
        {
            var row = Assert.Single(page.Split('\n'), line => line.StartsWith($"| `{rule.Uid}` |", StringComparison.Ordinal));
            Assert.Contains($"| {rule.Labels["severity"]} |", row, StringComparison.Ordinal);
            Assert.Contains($"(runbooks/{rule.Uid["otel-track-".Length..]}.md)", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Runbooks_RelativeLinksResolve()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "docs/runbooks"), "*.md"))
        {
            foreach (Match link in RelativeLink().Matches(File.ReadAllText(path)))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, link.Groups[1].Value));
                Assert.True(File.Exists(target), $"{Path.GetFileName(path)} links {link.Groups[1].Value}, which does not exist");
            }
        }
    }

    [GeneratedRegex(@"\]\(([^)#:]+\.md)\)")]
    private static partial Regex RelativeLink();
}
