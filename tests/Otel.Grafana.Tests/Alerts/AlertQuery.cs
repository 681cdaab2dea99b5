using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>One entry of a rule's <c>data</c>: a query of the data source, or a server-side expression (<c>__expr__</c>).</summary>
internal sealed class AlertQuery(YamlMappingNode node)
{
    public const string ExpressionDatasourceUid = "__expr__";

    /// <summary>The item as written.</summary>
    public YamlMappingNode Node { get; } = node;

    public string RefId { get; } = node.Required("refId");

    public string DatasourceUid { get; } = node.Required("datasourceUid");

    public YamlMappingNode? RelativeTimeRange { get; } = node.Mapping("relativeTimeRange");

    public YamlMappingNode Model { get; } = node.Mapping("model") ?? throw new InvalidOperationException($"data '{node.Scalar("refId")}' has no model");

    public bool IsExpression => DatasourceUid == ExpressionDatasourceUid;

    public string? RawSql => Model.Scalar("rawSql");
}
