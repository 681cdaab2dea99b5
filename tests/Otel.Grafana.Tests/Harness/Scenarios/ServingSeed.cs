using System.Net.Http.Json;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;
using Otel.Tracking;
using Otel.Tracking.Query;

using static Otel.Testing.OtlpRequests;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// Two hours of the champion in production, exported as an OpenTelemetry SDK does: http.server.request.duration
/// (100 requests a minute, all 200 and fast; in <see cref="Scenario.Burning"/> 20 errors and 20 slow a minute over
/// the last hour, in <see cref="Scenario.Degraded"/> 4 errors and 1 slow a minute throughout) and the feature and
/// prediction distributions; and the model's two SLOs applied.
/// </summary>
internal static class ServingSeed
{
    public const int Minutes = 120;

    public static async Task SeedAsync(ScenarioCollector collector, ScenarioNames names, Scenario scenario)
    {
        var resource = Resource(names);
        var (before, lastHour) = scenario switch
        {
            Scenario.Burning => (new MinuteTraffic(100, 0), new MinuteTraffic(80, 20, 20)),
            Scenario.Degraded => (new MinuteTraffic(96, 4, 1), new MinuteTraffic(96, 4, 1)),
            _ => (new MinuteTraffic(100, 0), new MinuteTraffic(100, 0)),
        };
        await collector.SendMetricsAsync(ServingTraffic.Histogram(resource,
            [.. ServingTraffic.Repeat(Minutes - 60, before), .. ServingTraffic.Repeat(60, lastHour)],
            collector.Now, AggregationTemporality.Delta));
        for (var hour = 0; hour < Minutes / 60; hour++)
        {
            var age = hour < (Minutes / 60) - 1 ? AgeShift.None : scenario switch
            {
                Scenario.Drifted => AgeShift.Drift,
                Scenario.Degraded => AgeShift.Warn,
                _ => AgeShift.None,
            };
            await collector.SendMetricsAsync(Request(resource, ScenarioDistributions.ServedHour(collector.Now.AddMinutes(-Minutes + (60 * hour)), age)));
        }

        var slos = $$"""
            slos:
              - {name: {{names.Slos[0]}}, kind: availability, model: {{names.Model}}, objective: 0.99}
              - {name: {{names.Slos[1]}}, kind: latency, model: {{names.Model}}, threshold: 0.25, objective: 0.99}
            """;
        using var applied = await collector.Registry.Api.PutAsJsonAsync("api/slos", new SloApplyRequest("grafana-scenarios.yaml", slos), QueryJson.Options, RegistryCollector.Cancellation)
            .WaitAsync(TestTimeouts.Default, RegistryCollector.Cancellation);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync(RegistryCollector.Cancellation));
    }

    /// <summary>Rows the serving telemetry lands as in otel_metrics_histogram: two status series a minute, plus the distributions.</summary>
    public static int HistogramRows => (2 * Minutes) + (Minutes / 60 * ScenarioDistributions.HistogramPointsPerHour);

    private static KeyValue[] Resource(ScenarioNames names) =>
    [
        Attr("service.name", names.Service),
        Attr("service.instance.id", "grafana-scorer-0"),
        Attr(MlSemanticConventions.DeploymentEnvironmentName, names.Environment),
        Attr(MlSemanticConventions.ModelName, names.Model),
        Attr(MlSemanticConventions.ModelVersion, names.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Attr(MlSemanticConventions.RunId, names.BestRunId),
        Attr("host.type", "m5.xlarge"),
    ];

    private static ExportMetricsServiceRequest Request(KeyValue[] resource, Metric[] metrics) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = new Resource { Attributes = { resource } },
                ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "Otel.Tracking.Serving" }, Metrics = { metrics } } },
            },
        },
    };
}
