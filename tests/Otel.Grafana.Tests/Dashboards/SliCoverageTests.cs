using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// The seeds' SLIs M1–M12 are each on some panel of dashboards/*.json, named in its title or description, and M12 (time
/// to root cause, which the seeds leave open) is defined in docs/dashboards.md.
/// </summary>
public sealed partial class SliCoverageTests
{
    public static TheoryData<string> Slis { get; } = new(Enumerable.Range(1, 12).Select(n => $"M{n}"));

    [Theory]
    [MemberData(nameof(Slis))]
    public void Dashboards_SeedSli_IsNamedByAPanel(string sli)
    {
        var panels = DashboardPanelTexts().ToList();
        Assert.NotEmpty(panels);

        // Whole token only: M1 must not be satisfied by M10, M11 or M12.
        var token = new Regex($@"\b{sli}\b", RegexOptions.CultureInvariant);
        Assert.True(panels.Any(p => token.IsMatch(p.Text)),
            $"no panel of dashboards/*.json names {sli} in its title or description; add it to the panel that shows it, " +
            $"e.g. \"Run success rate (M1)\"");
    }

    [Fact]
    public void DashboardsDoc_DefinesTimeToRootCause_FromRecordedData()
    {
        var doc = RepositoryFiles.Read("docs/dashboards.md");
        var section = M12Section().Match(doc);
        Assert.True(section.Success, "docs/dashboards.md has no heading naming M12 (time to root cause)");

        // The definition names where its start and end come from, so that anyone can recompute it.
        var text = section.Groups["body"].Value;
        Assert.Contains("ml_slo_status", text, StringComparison.Ordinal);
        Assert.Contains("ml_audit_log", text, StringComparison.Ordinal);
        Assert.Contains("page", text, StringComparison.Ordinal);
    }

    private static IEnumerable<(string File, string Text)> DashboardPanelTexts()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dashboards"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var panel in Panels(json.RootElement.GetProperty("panels")))
            {
                yield return (Path.GetFileName(path), $"{Text(panel, "title")}\n{Text(panel, "description")}");
            }
        }
    }

    // Rows may hold their panels when collapsed.
    private static IEnumerable<JsonElement> Panels(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Panels(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Text(JsonElement panel, string property) =>
        panel.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    [GeneratedRegex(@"^#+ [^\n]*M12[^\n]*\n(?<body>(?:(?!^#+ ).*\n?)*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex M12Section();
}
