using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class BuilderExtensionTests
{
    [Fact]
    public void AddMlTracking_TracerBuilderTwice_ExportsEachSpanOnce()
    {
        var experiment = "exp-" + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddMlTracking()
            .AddMlTracking()
            .AddInMemoryExporter(spans)
            .Build())
        using (var tracking = TestTracking.Create(TestTracking.NewTime()))
        {
            tracking.StartRun(new RunOptions { Experiment = experiment }).Dispose();
        }

        var mine = spans.Where(s => s.GetTagItem(MlSemanticConventions.ExperimentName) as string == experiment).ToList();
        Assert.Equal([MlSemanticConventions.RunStartSpan, MlSemanticConventions.RunSpan], mine.Select(s => s.OperationName));
    }

    [Fact]
    public void AddMlTracking_MeterBuilderTwice_ExportsEachInstrumentOnce()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMlTracking()
            .AddMlTracking()
            .AddInMemoryExporter(metrics)
            .Build();

        provider.ForceFlush();

        Assert.Single(metrics, m => m.Name == SdkTelemetryNames.SdkPointsLogged);
        Assert.Single(metrics, m => m.Name == SdkTelemetryNames.SdkPointsDropped);
    }

    [Fact]
    public void AddMlTracking_NullBuilders_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((TracerProviderBuilder)null!).AddMlTracking());
        Assert.Throws<ArgumentNullException>(() => ((MeterProviderBuilder)null!).AddMlTracking());
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddMlTracking());
    }

    [Fact]
    public void AddMlTracking_ServicesTwice_RegistersOneTrackerAndWiresProviders()
    {
        using var capture = new SpanCapture();
        var spans = new List<Activity>();
        var services = new ServiceCollection();
        services.AddOpenTelemetry().WithTracing(b => b.AddInMemoryExporter(spans));
        services.AddMlTracking(o => o.HandleTerminationSignals = false);
        services.AddMlTracking(o => o.MetricFlushInterval = TimeSpan.FromSeconds(2));

        Assert.Single(services, d => d.ServiceType == typeof(MlTracking));
        string runId;
        using (var provider = services.BuildServiceProvider())
        {
            _ = provider.GetRequiredService<TracerProvider>();
            var tracking = provider.GetRequiredService<MlTracking>();
            Assert.Same(tracking, provider.GetRequiredService<MlTracking>());
            Assert.False(tracking.Options.HandleTerminationSignals);
            Assert.Equal(TimeSpan.FromSeconds(2), tracking.Options.MetricFlushInterval);
            runId = tracking.StartRun(capture.RunOptions()).Id;
        }

        // Disposing the container ended the still active run and exported it through the container's provider.
        lock (spans)
        {
            Assert.Contains(spans, s => s.OperationName == MlSemanticConventions.RunSpan
                && s.GetTagItem(MlSemanticConventions.RunId) as string == runId);
        }
    }
}
