using System.Net;
using System.Net.Sockets;
using OpenTelemetry.Exporter;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Durability;

/// <summary>
/// The SDK with its collector down: training goes on, what the run logged waits on local disk, and a later
/// process delivers it once the collector is back.
/// </summary>
public sealed class SdkOfflineBufferTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CollectorDownDuringTheRun_RunIsKeptOnDisk_AndALaterTrackerDeliversIt()
    {
        var offline = Path.Combine(TestDataDirectory.Path, "offline-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        var experiment = "offline-" + Guid.NewGuid().ToString("N");
        string offlineRunId;

        var started = TimeProvider.System.GetTimestamp();
        using (var tracking = Tracking(endpoint, offline))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "while-down", Params = { ["lr"] = 0.1 } });
            offlineRunId = run.Id;
            for (var step = 0; step < 500; step++)
            {
                run.LogMetric("loss", 1.0 / (step + 1), step);
            }
        }

        // Nothing listened: the exports failed fast, nothing was thrown, and the spans are on disk.
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TestTimeouts.Default);
        Assert.NotEmpty(Directory.GetFiles(offline, "*.blob", SearchOption.AllDirectories));

        await using var collector = await RunningCollector.StartAsync("sdk_offline", o => o.HttpPort = port);
        using var later = Tracking(endpoint, offline);
        using (var next = later.StartRun(new RunOptions { Experiment = experiment, Name = "after" }))
        {
            next.LogMetric("loss", 0.5, 0);
        }

        var runs = await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), r => r.Any(x => x.Id == offlineRunId && x.Status == "FINISHED"), TestTimeouts.Default);
        Assert.Equal("0.1", runs.Single(r => r.Id == offlineRunId).Params["lr"]);
        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(offlineRunId), d => d.History.TryGetValue("loss", out var h) && h.Count == 500, TestTimeouts.Default);
        Assert.Equal(1.0 / 500, detail.History["loss"][^1].Value, 12);
    }

    private static MlTracking Tracking(Uri endpoint, string offline) => MlTracking.Create(o =>
    {
        o.Endpoint = endpoint;
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.OfflineDirectory = offline;
        o.HandleTerminationSignals = false;
        o.CaptureGitDiff = false;
        o.UploadArtifacts = false;
    });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
