using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Durability;

/// <summary>
/// The SDK with its collector down or misconfigured, over gRPC as over HTTP/protobuf: training goes on, one line
/// says what went wrong, what the run logged waits on local disk, and it arrives once, every point once, when a
/// collector answers at the configured endpoint.
/// </summary>
public sealed class SdkOfflineBufferTests
{
    private const int Points = 500;

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task CollectorDownDuringTheRun_RunIsKeptOnDisk_AndDeliveredOnceWhenItStarts(OtlpExportProtocol protocol)
    {
        var offline = NewOfflineDirectory();
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var endpoint = new Uri($"http://127.0.0.1:{(protocol == OtlpExportProtocol.Grpc ? grpcPort : httpPort)}");
        var experiment = "offline-" + Guid.NewGuid().ToString("N");
        var report = new StringWriter();

        var started = TimeProvider.System.GetTimestamp();
        var offlineRunId = RecordRun(Tracking(endpoint, protocol, offline, report), experiment, "while-down");

        // Nothing listened: the exports failed fast, nothing was thrown, one line said so, and the data is on disk.
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TestTimeouts.Default);
        var line = Assert.Single(Lines(report));
        Assert.StartsWith("otel-track: no collector answers at " + endpoint.GetLeftPart(UriPartial.Authority), line, StringComparison.Ordinal);
        Assert.Contains($"(OTLP {ProtocolName(protocol)}", line, StringComparison.Ordinal);
        Assert.Contains(offline, line, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(offline, "*.blob", SearchOption.AllDirectories));

        await using var collector = await RunningCollector.StartAsync("sdk_offline_" + protocol, o => (o.GrpcPort, o.HttpPort) = (grpcPort, httpPort));
        var laterReport = new StringWriter();
        RecordRun(Tracking(endpoint, protocol, offline, laterReport), experiment, "after");

        await AssertDeliveredOnceAsync(collector, experiment, offlineRunId);
        Assert.Empty(Lines(laterReport));
        Assert.Empty(Directory.GetFiles(offline, "*.blob*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task WrongPortForTheProtocol_ReportedOnceAndKept_AndDeliveredOnceConfiguredRight(OtlpExportProtocol protocol)
    {
        var offline = NewOfflineDirectory();
        var experiment = "misconfigured-" + Guid.NewGuid().ToString("N");
        await using var collector = await RunningCollector.StartAsync("sdk_wrong_port_" + protocol);
        var (right, wrong) = protocol == OtlpExportProtocol.Grpc
            ? (collector.Host.GrpcEndpoint, collector.Host.HttpEndpoint)
            : (collector.Host.HttpEndpoint, collector.Host.GrpcEndpoint);
        var report = new StringWriter();

        var runId = RecordRun(Tracking(wrong, protocol, offline, report), experiment, "wrong-port");

        var line = Assert.Single(Lines(report));
        Assert.StartsWith($"otel-track: {wrong.GetLeftPart(UriPartial.Authority)} does not take OTLP {ProtocolName(protocol)} exports", line, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL=" + ProtocolName(protocol == OtlpExportProtocol.Grpc ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc), line, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(offline, "*.blob", SearchOption.AllDirectories));
        Assert.Empty(await collector.ListRunsAsync(experiment));

        RecordRun(Tracking(right, protocol, offline, new StringWriter()), experiment, "right-port");
        await AssertDeliveredOnceAsync(collector, experiment, runId);
    }

    [Fact]
    public async Task BlobsStoredByTheExporterWithTheGrpcFrame_AreUnwrapped_AndDelivered()
    {
        // What the OTLP exporter's own disk retry stored for gRPC before: the request with its 5-byte frame.
        var offline = NewOfflineDirectory();
        var experiment = "framed-" + Guid.NewGuid().ToString("N");
        var port = FreePort();
        var runId = RecordRun(Tracking(new Uri($"http://127.0.0.1:{port}"), OtlpExportProtocol.HttpProtobuf, offline, new StringWriter()), experiment, "framed");
        foreach (var blob in Directory.GetFiles(offline, "*.blob", SearchOption.AllDirectories))
        {
            var message = await File.ReadAllBytesAsync(blob, TestContext.Current.CancellationToken);
            var framed = new byte[message.Length + 5];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
            message.CopyTo(framed, 5);
            var legacy = Path.Combine(Path.GetDirectoryName(blob)!, "1", Path.GetFileName(blob));
            Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
            await File.WriteAllBytesAsync(legacy, framed, TestContext.Current.CancellationToken);
            File.Delete(blob);
        }

        await using var collector = await RunningCollector.StartAsync("sdk_framed", o => o.HttpPort = port);
        RecordRun(Tracking(collector.Host.HttpEndpoint, OtlpExportProtocol.HttpProtobuf, offline, new StringWriter()), experiment, "after");
        await AssertDeliveredOnceAsync(collector, experiment, runId);
        Assert.Empty(Directory.GetFiles(offline, "*.rejected", SearchOption.AllDirectories));
    }

    private static async Task AssertDeliveredOnceAsync(RunningCollector collector, string experiment, string runId)
    {
        var runs = await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), r => r.Any(x => x.Id == runId && x.Status == "FINISHED"), TestTimeouts.Default);
        Assert.Equal("0.1", runs.Single(r => r.Id == runId).Params["lr"]);
        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), d => d.History.TryGetValue("loss", out var h) && h.Count == Points, TestTimeouts.Default);
        Assert.Equal(Enumerable.Range(0, Points).Select(s => (long)s), detail.History["loss"].Select(p => p.Step));
        Assert.Equal(1.0 / Points, detail.History["loss"][^1].Value, 12);
    }

    private static string RecordRun(MlTracking tracking, string experiment, string name)
    {
        using (tracking)
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = name, Params = { ["lr"] = 0.1 } });
            for (var step = 0; step < Points; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1), step);
            }

            return run.Id;
        }
    }

    private static MlTracking Tracking(Uri endpoint, OtlpExportProtocol protocol, string offline, TextWriter report) => MlTracking.CreateCore(
        new MlTrackingOptions
        {
            Endpoint = endpoint,
            Protocol = protocol,
            OfflineDirectory = offline,
            OfflineRetryInterval = TimeSpan.FromMilliseconds(200),
            ProblemOutput = report,
            HandleTerminationSignals = false,
            CaptureGitDiff = false,
            UploadArtifacts = false,
        },
        TimeProvider.System,
        new ConfigurationBuilder().Build());

    private static string[] Lines(StringWriter report) => report.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string ProtocolName(OtlpExportProtocol protocol) => protocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf";

    private static string NewOfflineDirectory() => Path.Combine(TestDataDirectory.Path, "offline-" + Guid.NewGuid().ToString("N"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
