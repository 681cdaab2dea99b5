using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using Otel.Tracking.EnvironmentCapture;
using Otel.Tracking.Export;
using Otel.Tracking.Tests.Infrastructure;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>The detector on the resource of <see cref="MlTracking.Create"/>, its opt-out, and the public extension.</summary>
public sealed class EnvironmentWiringTests
{
    private static readonly string[] EnvironmentKeys =
        [HostArch, HostName, OsType, ProcessRuntimeVersion, ProcessPid, ProcessPackages, HostCpuCount, HostMemoryBytes];

    [Fact]
    public void Pipeline_ByDefault_ResourceCarriesTheEnvironment()
    {
        using var sink = new OtlpHttpSink();
        var (tracer, meter) = OtlpPipeline.Build(Options(sink), new ConfigurationBuilder().Build(), NoBuffer());
        try
        {
            var attributes = tracer.GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
            Assert.All(EnvironmentKeys, key => Assert.True(attributes.ContainsKey(key), key + " is missing"));
            Assert.Equal(".NET", attributes[ProcessRuntimeName]);
            Assert.Equal((long)Environment.ProcessId, attributes[ProcessPid]);

            // The metrics pipeline describes the same process.
            Assert.Equal(attributes[HostName], meter.GetResource().Attributes.Single(a => a.Key == HostName).Value);
        }
        finally
        {
            OwnedProviders.Shutdown(tracer, meter, 2000);
        }
    }

    [Fact]
    public void Pipeline_CaptureEnvironmentFalse_CapturesNothing()
    {
        using var sink = new OtlpHttpSink();
        var options = Options(sink);
        options.CaptureEnvironment = false;
        var (tracer, meter) = OtlpPipeline.Build(options, new ConfigurationBuilder().Build(), NoBuffer());
        try
        {
            var keys = tracer.GetResource().Attributes.Select(a => a.Key).ToHashSet();
            Assert.All(EnvironmentKeys, key => Assert.DoesNotContain(key, keys));
            Assert.DoesNotContain(keys, key => key.StartsWith("vcs.", StringComparison.Ordinal) || key.StartsWith("ml.", StringComparison.Ordinal));
        }
        finally
        {
            OwnedProviders.Shutdown(tracer, meter, 2000);
        }
    }

    [Fact]
    public async Task Create_ExportsTheEnvironmentOnTheResource()
    {
        using var sink = new OtlpHttpSink();
        var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = sink.BaseAddress;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
        });
        try
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = "env-capture", Seed = 7 });

            var traces = await sink.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(15), r => r.Contains(run.Id));
            Assert.True(traces.Contains(run.Id));
            Assert.True(traces.Contains(ProcessRuntimeVersion));
            Assert.True(traces.Contains(Environment.Version.ToString()));
            Assert.True(traces.Contains(HostArch));
            Assert.True(traces.Contains(ProcessPackages));
            Assert.True(traces.Contains(RunSeed));
        }
        finally
        {
            tracking.Dispose();
        }
    }

    [Fact]
    public void AddMlEnvironment_OnAPlainResourceBuilder_Works()
    {
        var resource = ResourceBuilder.CreateEmpty().AddMlEnvironment().Build();

        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(Environment.MachineName, attributes[HostName]);
        Assert.Equal(RuntimeInformationValue(), attributes[ProcessRuntimeDescription]);
    }

    [Fact]
    public void Detector_KeysFromOtelResourceAttributes_AreLeftToTheUser()
    {
        IReadOnlyList<KeyValuePair<string, object>> captured =
            [new(HostName, "detected-host"), new(ContainerImageName, "detected/image"), new(OsType, "linux")];
        var detector = new EnvironmentResourceDetector(
            () => captured,
            name => name == "OTEL_RESOURCE_ATTRIBUTES" ? "container.image.name=configured/image, host.name = h,deployment.environment.name=prod" : null);

        var resource = ResourceBuilder.CreateEmpty()
            .AddDetector(detector)
            .AddAttributes([new("container.image.name", "configured/image")])
            .Build();

        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("configured/image", attributes[ContainerImageName]);
        Assert.False(attributes.ContainsKey(HostName));
        Assert.Equal("linux", attributes[OsType]);
    }

    [Fact]
    public void Detector_FailingCapture_GivesEmptyResource()
    {
        var detector = new EnvironmentResourceDetector(() => throw new InvalidOperationException("boom"), _ => null);

        Assert.Empty(detector.Detect().Attributes);
    }

    [Fact]
    public void Capture_EmptySources_NeverThrowsAndIsQuick()
    {
        var stopwatch = Stopwatch.StartNew();
        var attributes = EnvironmentSnapshot.Capture(EnvironmentSources.From(null), () => GitSnapshot.Empty);
        stopwatch.Stop();

        var keys = attributes.Select(a => a.Key).ToList();
        Assert.Contains(ProcessRuntimeName, keys);
        Assert.DoesNotContain(CicdProvider, keys);
        Assert.DoesNotContain(ContainerId, keys);
        Assert.DoesNotContain(VcsRefHeadRevision, keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Capture_ThisProcess_IsCachedAndReportsItsTime()
    {
        var first = EnvironmentSnapshot.Current;

        Assert.Same(first, EnvironmentSnapshot.Current);
        Assert.Same(GitSnapshot.Current, GitSnapshot.Current);
        TestContext.Current.SendDiagnosticMessage($"environment capture took {EnvironmentSnapshot.LastCaptureTime.TotalMilliseconds:F0} ms, {first.Count} attributes");
    }

    private static string RuntimeInformationValue() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static MlTrackingOptions Options(OtlpHttpSink sink) => new()
    {
        Endpoint = sink.BaseAddress,
        Protocol = OtlpExportProtocol.HttpProtobuf,
        HandleTerminationSignals = false,
    };

    private static ExportMonitor NoBuffer() => new(new ExportProblemReport(TextWriter.Null, bufferDirectory: null), store: null);
}
