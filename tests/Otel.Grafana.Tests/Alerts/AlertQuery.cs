using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>One entry of a rule's <c>data</c>: a query of the data source, or a server-side expression (<c>__expr__</c>).</summary>
internal sealed class AlertQuery(YamlMappingNode node)
{
    public const string ExpressionDatasourceUid = "__expr__";

    public string RefId { get; } = node.Required("refId");

    public string DatasourceUid { get; } = node.Required("datasourceUid");

    public YamlMappingNode? RelativeTimeRange { get; } = node.Mapping("relativeTimeRange");

    public YamlMappingNode Model { get; } = node.Mapping("model") ?? throw new InvalidOperationException($"data '{node.Scalar("refId")}' has no model");

    public bool IsExpression => DatasourceUid == ExpressionDatasourceUid;

    public string? RawSql => Model.Scalar("rawSql");

    /// <summary>The threshold expression's evaluator: type (gt, lt, within_range, outside_range) and its parameters.</summary>
    public ThresholdEvaluator Threshold
    {
        get
        {
            var evaluator = Assert.Single(Model.Mappings("conditions")).Mapping("evaluator")
                ?? throw new InvalidOperationException($"threshold '{RefId}' has no evaluator");
            var parameters = evaluator.Strings("params").Select(value => double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return new ThresholdEvaluator(evaluator.Required("type"), parameters);
        }
    }
}
