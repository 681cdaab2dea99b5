using System.Text.Json.Nodes;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>A data source reference (<c>{type, uid}</c>) as a panel, target or variable names it.</summary>
internal sealed record DatasourceRef(string? Type, string? Uid)
{
    /// <summary>Grafana's own pseudo data sources (annotations, mixed, dashboard), which need no provisioning.</summary>
    public bool IsBuiltIn => Uid is "-- Grafana --" or "-- Mixed --" or "-- Dashboard --" or "grafana" || Type is "grafana" or "datasource";

    public static DatasourceRef? From(JsonNode? node) => node switch
    {
        JsonObject o => new DatasourceRef(o["type"]?.GetValue<string>(), o["uid"]?.GetValue<string>()),
        JsonValue v => new DatasourceRef(null, v.GetValue<string>()),
        _ => null,
    };
}

internal sealed record GridPos(int X, int Y, int W, int H)
{
    public bool Overlaps(GridPos other) => X < other.X + other.W && other.X < X + W && Y < other.Y + other.H && other.Y < Y + H;
}

/// <summary>One query of a panel (or of an annotation): the plugin reads only rawSql and format.</summary>
internal sealed record PanelTarget(string RefId, DatasourceRef? Datasource, string? EditorType, string? RawSql, int Format);

/// <summary>A dashboard variable; <see cref="Query"/> is its SQL for a query variable, its options text otherwise.</summary>
internal sealed record DashboardVariable(
    string Name, string Type, DatasourceRef? Datasource, string? Query, bool Multi, bool IncludeAll, string? AllValue,
    IReadOnlyList<string> Current, IReadOnlyList<string> Options)
{
    public bool IsSqlQuery => Type == "query" && !string.IsNullOrWhiteSpace(Query);

    public bool CurrentIsAll => Current.Count == 1 && Current[0] is "$__all" or "All";
}

/// <summary>A panel, with the panels a collapsed row holds listed beside it (<see cref="Row"/> names their row's id).</summary>
internal sealed record DashboardPanel(
    int Id, string Title, string Type, GridPos GridPos, DatasourceRef? Datasource, IReadOnlyList<PanelTarget> Targets,
    IReadOnlyList<string> Urls, string? Repeat, int? Row)
{
    /// <summary>The target's data source, or the panel's when the target names none (Grafana's inheritance).</summary>
    public DatasourceRef? DatasourceOf(PanelTarget target) => target.Datasource ?? Datasource;
}

/// <summary>
/// The parts of a Grafana dashboard JSON model the harness checks: uid, variables, panels (rows flattened), every
/// link URL and the annotation queries. Parsed from the file as Grafana reads it; anything else is ignored.
/// </summary>
internal sealed record GrafanaDashboard(
    string File, string Uid, string Title, IReadOnlyList<DashboardVariable> Variables, IReadOnlyList<DashboardPanel> Panels,
    IReadOnlyList<string> Links, IReadOnlyList<(string Name, DatasourceRef? Datasource, PanelTarget Target)> Annotations)
{
    public static GrafanaDashboard Parse(string file, string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{file}: not a JSON object");
        var panels = new List<DashboardPanel>();
        foreach (var panel in Array(root["panels"]))
        {
            var parsed = Panel(panel, row: null);
            panels.Add(parsed);
            panels.AddRange(Array(panel["panels"]).Select(child => Panel(child, parsed.Id)));
        }

        var annotations = Array(root["annotations"]?["list"])
            .Where(a => a["target"] is JsonObject t && t["rawSql"] is not null)
            .Select(a => (Text(a["name"]) ?? "", DatasourceRef.From(a["datasource"]), Target(a["target"]!)))
            .ToList();
        return new GrafanaDashboard(
            file,
            Text(root["uid"]) ?? throw new InvalidDataException($"{file}: no uid"),
            Text(root["title"]) ?? "",
            [.. Array(root["templating"]?["list"]).Select(Variable)],
            panels,
            [.. Array(root["links"]).Select(l => Text(l["url"])).OfType<string>()],
            annotations);
    }

    public DashboardVariable? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);

    private static DashboardPanel Panel(JsonNode panel, int? row)
    {
        var grid = panel["gridPos"];
        return new DashboardPanel(
            panel["id"]?.GetValue<int>() ?? -1,
            Text(panel["title"]) ?? "",
            Text(panel["type"]) ?? "",
            new GridPos(Int(grid?["x"]), Int(grid?["y"]), Int(grid?["w"]), Int(grid?["h"])),
            DatasourceRef.From(panel["datasource"]),
            [.. Array(panel["targets"]).Select(Target)],
            [.. Urls(panel, skip: "panels")],
            Text(panel["repeat"]),
            row);
    }

    private static PanelTarget Target(JsonNode target) => new(
        Text(target["refId"]) ?? "",
        DatasourceRef.From(target["datasource"]),
        Text(target["editorType"]),
        Text(target["rawSql"]),
        target["format"] is JsonValue format && format.TryGetValue<int>(out var number) ? number : 1);

    private static DashboardVariable Variable(JsonNode variable)
    {
        var query = variable["query"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonObject o => Text(o["rawSql"]) ?? Text(o["query"]),
            _ => null,
        };
        return new DashboardVariable(
            Text(variable["name"]) ?? "",
            Text(variable["type"]) ?? "",
            DatasourceRef.From(variable["datasource"]),
            query,
            variable["multi"]?.GetValue<bool>() ?? false,
            variable["includeAll"]?.GetValue<bool>() ?? false,
            Text(variable["allValue"]),
            Values(variable["current"]?["value"]),
            [.. Array(variable["options"]).SelectMany(o => Values(o["value"]))]);
    }

    /// <summary>Every string property named url inside <paramref name="node"/> (links, data links, overrides), not inside <paramref name="skip"/>.</summary>
    private static IEnumerable<string> Urls(JsonNode? node, string? skip = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == skip)
                    {
                        continue;
                    }

                    if (key == "url" && value is JsonValue v && v.TryGetValue<string>(out var url))
                    {
                        yield return url;
                    }
                    else
                    {
                        foreach (var inner in Urls(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var inner in a.SelectMany(item => Urls(item)))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static IReadOnlyList<string> Values(JsonNode? node) => node switch
    {
        JsonArray a => [.. a.Select(Text).OfType<string>()],
        JsonValue v => [v.ToString()],
        _ => [],
    };

    private static IEnumerable<JsonNode> Array(JsonNode? node) => node is JsonArray a ? a.OfType<JsonNode>() : [];

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    private static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var number) ? number : 0;
}
