using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>One provisioned alert rule as Grafana reads it from <c>groups[].rules[]</c>.</summary>
internal sealed class AlertRule(string file, string group, YamlMappingNode node)
{
    public string File { get; } = file;

    public string Group { get; } = group;

    /// <summary>The rule as written, for <see cref="Harness.Alerting.AlertQueries"/> to evaluate.</summary>
    public YamlMappingNode Node { get; } = node;

    public string Uid { get; } = node.Required("uid");

    public string Title { get; } = node.Required("title");

    public string Condition { get; } = node.Required("condition");

    public string? For { get; } = node.Scalar("for");

    public string? NoDataState { get; } = node.Scalar("noDataState");

    public string? ExecErrState { get; } = node.Scalar("execErrState");

    public IReadOnlyDictionary<string, string> Labels { get; } = node.StringMap("labels");

    public IReadOnlyDictionary<string, string> Annotations { get; } = node.StringMap("annotations");

    public IReadOnlyList<AlertQuery> Data { get; } = node.Mappings("data").Select(query => new AlertQuery(query)).ToList();

    /// <summary>The rule's one data source query (the rules here each have exactly one, refId A).</summary>
    public AlertQuery SqlQuery => Data.Single(query => !query.IsExpression);

    public AlertQuery ConditionQuery => Data.Single(query => query.RefId == Condition);

    public override string ToString() => Uid;
}
