namespace Otel.Grafana.Tests;

/// <summary>The one provisioned data source (dashboards/provisioning/datasources/clickhouse.yaml) every panel and rule names.</summary>
internal static class GrafanaDatasource
{
    public const string Uid = "otel-track-clickhouse";

    public const string Type = "grafana-clickhouse-datasource";
}
