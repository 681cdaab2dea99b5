using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// Every dashboard (dashboards/*.json and the harness fixture) as Grafana would load and link it: unique uids and
/// panel ids, every query on the provisioned data source in the SQL editor, panels on the 24-column grid without
/// overlaps, and links that lead to dashboards and variables that exist.
/// </summary>
public sealed partial class DashboardStructureTests
{
    public static TheoryData<string> Files() => [.. DashboardFiles.All.Select(d => d.File)];

    [Fact]
    public void Dashboards_Uids_AreUniqueAcrossFiles()
    {
        var duplicates = DashboardFiles.All.GroupBy(d => d.Uid).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.File))}");

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_PanelIds_AreUnique(string file)
    {
        var dashboard = DashboardFiles.Get(file);

        Assert.All(dashboard.Panels, p => Assert.True(p.Id > 0, $"{file}: panel '{p.Title}' has no id"));
        Assert.Empty(dashboard.Panels.GroupBy(p => p.Id).Where(g => g.Count() > 1).Select(g => $"id {g.Key}: {string.Join(", ", g.Select(p => p.Title))}"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_EveryQuery_IsSqlOnTheProvisionedDatasource(string file)
    {
        var dashboard = DashboardFiles.Get(file);
        var problems = new List<string>();
        foreach (var panel in dashboard.Panels.Where(p => p.Type != "row"))
        {
            CheckRef($"panel '{panel.Title}'", panel.Datasource, problems, required: panel.Targets.Count > 0);
            foreach (var target in panel.Targets)
            {
                var where = $"panel '{panel.Title}' target {target.RefId}";
                CheckRef(where, target.Datasource, problems, required: false);
                CheckTarget(where, target, problems);
            }

            if (panel.Targets.Select(t => t.RefId).Distinct().Count() != panel.Targets.Count)
            {
                problems.Add($"panel '{panel.Title}': two targets share a refId");
            }
        }

        foreach (var variable in dashboard.Variables.Where(v => v.Type == "query"))
        {
            CheckRef($"variable '{variable.Name}'", variable.Datasource, problems, required: true);
            CheckSql($"variable '{variable.Name}'", variable.Query, problems);
        }

        foreach (var (name, datasource, target) in dashboard.Annotations)
        {
            CheckRef($"annotation '{name}'", datasource, problems, required: true);
            CheckTarget($"annotation '{name}'", target, problems);
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_Panels_FitTheGridWithoutOverlapping(string file)
    {
        var dashboard = DashboardFiles.Get(file);
        var problems = dashboard.Panels
            .Where(p => p.GridPos.X < 0 || p.GridPos.Y < 0 || p.GridPos.W < 1 || p.GridPos.H < 1 || p.GridPos.X + p.GridPos.W > 24)
            .Select(p => $"panel '{p.Title}' at {p.GridPos} is outside the 24-column grid")
            .ToList();

        // Panels on the page overlap-checked together; a collapsed row's panels among themselves (they open below it).
        foreach (var layer in dashboard.Panels.GroupBy(p => p.Row))
        {
            var panels = layer.ToList();
            for (var i = 0; i < panels.Count; i++)
            {
                problems.AddRange(panels.Skip(i + 1).Where(other => panels[i].GridPos.Overlaps(other.GridPos))
                    .Select(other => $"panels '{panels[i].Title}' {panels[i].GridPos} and '{other.Title}' {other.GridPos} overlap"));
            }
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Dashboard_Links_LeadToExistingDashboardsAndVariables(string file)
    {
        var dashboard = DashboardFiles.Get(file);
        var problems = new List<string>();
        foreach (var url in dashboard.Links.Concat(dashboard.Panels.SelectMany(p => p.Urls)))
        {
            var link = DashboardLink().Match(url);
            if (!link.Success)
            {
                continue;
            }

            var target = DashboardFiles.All.FirstOrDefault(d => d.Uid == link.Groups["uid"].Value);
            if (target is null)
            {
                problems.Add($"{url}: no dashboard has uid '{link.Groups["uid"].Value}'");
                continue;
            }

            problems.AddRange(VariableParameter().Matches(link.Groups["query"].Value)
                .Select(m => m.Groups["name"].Value)
                .Where(name => target.Variable(name) is null)
                .Select(name => $"{url}: dashboard '{target.Uid}' has no variable '{name}'"));
        }

        Assert.True(problems.Count == 0, $"{file}:\n" + string.Join("\n", problems));
    }

    private static void CheckRef(string where, DatasourceRef? datasource, List<string> problems, bool required)
    {
        if (datasource is null)
        {
            if (required)
            {
                problems.Add($"{where}: names no data source; use {{\"type\": \"{GrafanaDatasource.Type}\", \"uid\": \"{GrafanaDatasource.Uid}\"}}");
            }

            return;
        }

        if (!datasource.IsBuiltIn && (datasource.Uid != GrafanaDatasource.Uid || datasource.Type != GrafanaDatasource.Type))
        {
            problems.Add($"{where}: data source {datasource} is not the provisioned one ({GrafanaDatasource.Type}, uid {GrafanaDatasource.Uid})");
        }
    }

    private static void CheckTarget(string where, PanelTarget target, List<string> problems)
    {
        if (string.IsNullOrEmpty(target.RefId))
        {
            problems.Add($"{where}: no refId");
        }

        if (target.EditorType != "sql")
        {
            problems.Add($"{where}: editorType is '{target.EditorType}', the harness (and this project) write raw SQL: \"editorType\": \"sql\"");
        }

        if (target.Format is < 0 or > 4)
        {
            problems.Add($"{where}: format {target.Format} is none of 0 (time series), 1 (table), 2 (logs), 3 (traces), 4 (multi)");
        }

        CheckSql(where, target.RawSql, problems);
    }

    private static void CheckSql(string where, string? sql, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            problems.Add($"{where}: no SQL");
        }
        else if (DatabasePrefix().Match(sql) is { Success: true } prefixed)
        {
            problems.Add($"{where}: '{prefixed.Value}' names a database; name tables alone, so the data source's defaultDatabase decides");
        }
    }

    [GeneratedRegex(@"^/?d/(?<uid>[A-Za-z0-9_-]+)(/[^?]*)?(\?(?<query>.*))?$")]
    private static partial Regex DashboardLink();

    [GeneratedRegex(@"(^|&)var-(?<name>[A-Za-z0-9_]+)=")]
    private static partial Regex VariableParameter();

    [GeneratedRegex(@"\b(FROM|JOIN)\s+`?(otel|default)`?\.`?\w+", RegexOptions.IgnoreCase)]
    private static partial Regex DatabasePrefix();
}
