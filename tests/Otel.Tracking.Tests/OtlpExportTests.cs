using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>The whole path through the real OTLP exporter to a loopback HTTP listener.</summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Create_HttpProtobufEndpoint_PostsStartSpanWithinSecondsAsProtobuf()
    {
        using var sink = new OtlpHttpSink();
        var service = "svc-" + Guid.NewGuid().ToString("N");
        var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = sink.BaseAddress;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.ServiceName = service;
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
        });
        try
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = "otlp" });

            // The run is still active: only ml.run.start can have been exported (about 1 s batch delay).
            var traces = await sink.WaitForAsync("/v1/traces", Timeout, r => r.Contains(run.Id));

            Assert.Equal("application/x-protobuf", traces.ContentType);
            Assert.True(traces.Contains(MlSemanticConventions.RunStartSpan));
            Assert.True(traces.Contains(service));
        }
        finally
        {
            tracking.Dispose();
        }

        var metrics = await sink.WaitForAsync("/v1/metrics", Timeout, r => r.Contains(SdkTelemetryNames.SdkPointsLogged));
        Assert.Equal("application/x-protobuf", metrics.ContentType);
        Assert.True(metrics.Contains(SdkTelemetryNames.SdkPointsLogged));
    }

    [Fact]
    public async Task CreateCore_EndpointFromEnvironment_AppendsSignalPathAndHonoursServiceName()
    {
        using var sink = new OtlpHttpSink();
        var service = "svc-" + Guid.NewGuid().ToString("N");
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.BaseAddress.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment.name=ci-" + service,
        }).Build();
        string runId;
        using (var tracking = MlTracking.CreateCore(new MlTrackingOptions { HandleTerminationSignals = false, BufferOffline = false }, TimeProvider.System, environment))
        {
            var run = tracking.StartRun(new RunOptions { Experiment = "otlp-env" });
            run.LogMetric("loss", 0.5);
            runId = run.Id;
            run.Dispose();
        }

        var traces = await sink.WaitForAsync("/v1/traces", Timeout, r => r.Contains(runId));
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.True(traces.Contains(service));
        Assert.True(traces.Contains("ci-" + service));
    }

    [Fact]
    public void SignalEndpoint_BaseWithOrWithoutPath_AppendsSignal()
    {
        Assert.Equal(
            new Uri("http://localhost:4318/v1/traces"),
            Export.OtlpPipeline.SignalEndpoint(new Uri("http://localhost:4318"), Export.OtlpPipeline.TracesPath));
        Assert.Equal(
            new Uri("http://gateway/otlp/v1/metrics"),
            Export.OtlpPipeline.SignalEndpoint(new Uri("http://gateway/otlp/"), Export.OtlpPipeline.MetricsPath));
    }
}
