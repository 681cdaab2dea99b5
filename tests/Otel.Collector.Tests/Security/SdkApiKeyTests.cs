using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Security;

/// <summary>The SDK's real OTLP exporter and artifact uploader against a collector that requires API keys.</summary>
public sealed class SdkApiKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task Sdk_KeyInOtlpHeadersVariable_RunAndArtifactLand(OtlpExportProtocol protocol)
    {
        await using var secured = await SecuredCollector.StartAsync($"sec_sdk_{protocol}");
        var experiment = $"secured-{protocol}-{Guid.NewGuid():N}";
        var model = Path.Combine(secured.Directory, "model.bin");
        await File.WriteAllBytesAsync(model, System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096), Ct);
        // What MlTracking.Create reads from the process environment.
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer " + secured.Ingest,
        }).Build();
        var options = Options(secured, protocol);

        string runId;
        Otel.Tracking.Artifacts.ArtifactInfo artifact;
        using (var tracking = MlTracking.CreateCore(options, TimeProvider.System, environment))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "secured" });
            run.LogMetric("loss", 0.25, 1);
            artifact = await run.LogArtifactAsync(model, kind: "model", cancellationToken: Ct).WaitAsync(TestTimeouts.Default, Ct);
            runId = run.Id;
        }

        Assert.True(artifact.Uploaded);
        var landed = Assert.Single(await secured.Collector.ListRunsAsync(experiment));
        Assert.Equal(runId, landed.Id);
        Assert.Equal("FINISHED", landed.Status);
        Assert.Equal(0.25, landed.Metrics["loss"]);
        Assert.Equal(System.Net.HttpStatusCode.OK, await secured.StatusAsync(HttpMethod.Get, "api/artifacts/" + artifact.Sha256, secured.Read));
    }

    [Fact]
    public async Task Sdk_KeyInHeadersOption_RunLands()
    {
        await using var secured = await SecuredCollector.StartAsync("sec_sdk_option");
        var experiment = $"secured-option-{Guid.NewGuid():N}";

        using (var tracking = MlTracking.Create(o =>
        {
            Configure(o, secured, OtlpExportProtocol.HttpProtobuf);
            o.Headers = "Authorization=Bearer%20" + secured.Ingest;
        }))
        {
            tracking.Run(new RunOptions { Experiment = experiment }, run => run.LogMetric("loss", 1.5));
        }

        Assert.Equal(1.5, Assert.Single(await secured.Collector.ListRunsAsync(experiment)).Metrics["loss"]);
    }

    private static MlTrackingOptions Options(SecuredCollector secured, OtlpExportProtocol protocol)
    {
        var options = new MlTrackingOptions();
        Configure(options, secured, protocol);
        return options;
    }

    private static void Configure(MlTrackingOptions options, SecuredCollector secured, OtlpExportProtocol protocol)
    {
        var host = secured.Collector.Host;
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? host.GrpcEndpoint : host.HttpEndpoint;
        options.Protocol = protocol;
        options.ArtifactEndpoint = host.HttpEndpoint;
        options.ServiceName = "secured-trainer";
        options.HandleTerminationSignals = false;
        options.CaptureGitDiff = false;
    }
}
