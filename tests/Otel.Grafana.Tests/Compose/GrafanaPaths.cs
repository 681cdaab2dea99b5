namespace Otel.Grafana.Tests.Compose;

/// <summary>Where the Grafana container of docker-compose.yml finds what the repository provisions.</summary>
internal static class GrafanaPaths
{
    /// <summary>dashboards/ inside the container; the dashboard provider (dashboards/provisioning/dashboards) reads it.</summary>
    public const string DashboardsInContainer = "/var/lib/grafana/dashboards/otel-track";
}
