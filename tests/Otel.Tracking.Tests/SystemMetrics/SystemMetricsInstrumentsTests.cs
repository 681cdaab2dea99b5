using OpenTelemetry;
using OpenTelemetry.Metrics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.SystemMetrics;

/// <summary>The SDK's meter on a real meter provider: system metrics per active run, with ml.run.id, unless turned off.</summary>
public sealed class SystemMetricsInstrumentsTests
{
    [Fact]
    public void Collect_ActiveRun_ReportsSystemMetricsWithRunIdAndSemanticConventionUnits()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMlTracking().AddInMemoryExporter(metrics).Build();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(new RunOptions { Experiment = "exp-" + Guid.NewGuid().ToString("N") });

        provider.ForceFlush();

        // This machine is Linux with /proc (the CI and the dev box); GPUs are absent here, so hw.gpu.* has no points.
        Assert.Equal(["used"], Series(metrics, "system.memory.usage", run.Id, "system.memory.state"));
        Assert.Equal(["read", "write"], Series(metrics, "system.disk.io", run.Id, "disk.io.direction"));
        Assert.Equal(["receive", "transmit"], Series(metrics, "system.network.io", run.Id, "network.io.direction"));
        Assert.Single(Series(metrics, "system.cpu.utilization", run.Id, null));
        Assert.Equal("By", metrics.First(m => m.Name == "system.disk.io").Unit);
        Assert.Equal("1", metrics.First(m => m.Name == "system.cpu.utilization").Unit);
        Assert.Empty(Series(metrics, "hw.gpu.utilization", run.Id, "hw.id"));
    }

    [Fact]
    public void Collect_TrackerWithSystemMetricsOff_ReportsNothingForItsRuns()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMlTracking().AddInMemoryExporter(metrics).Build();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.SystemMetrics = false);
        using var run = tracking.StartRun(new RunOptions { Experiment = "exp-" + Guid.NewGuid().ToString("N") });

        provider.ForceFlush();

        Assert.Empty(Series(metrics, "system.memory.usage", run.Id, "system.memory.state"));
        Assert.Empty(Series(metrics, MlSemanticConventions.ProcessMemoryUsage, run.Id, null));
    }

    /// <summary>The values of <paramref name="attribute"/> over the run's points of <paramref name="name"/> (the name itself when null).</summary>
    private static List<string> Series(List<Metric> metrics, string name, string runId, string? attribute)
    {
        var values = new List<string>();
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                string? run = null, value = attribute is null ? name : null;
                foreach (var tag in point.Tags)
                {
                    run = tag.Key == MlSemanticConventions.RunId ? (string?)tag.Value : run;
                    value = tag.Key == attribute ? tag.Value?.ToString() : value;
                }

                if (run == runId && value is not null)
                {
                    values.Add(value);
                }
            }
        }

        values.Sort(StringComparer.Ordinal);
        return values;
    }
}
