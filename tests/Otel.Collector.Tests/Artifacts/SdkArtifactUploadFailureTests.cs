using OpenTelemetry.Exporter;
using Otel.Collector.Tests.EndToEnd;
using Otel.Tracking;
using Otel.Tracking.Artifacts;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>
/// A background artifact upload that a real collector refuses (too large): the awaitable faults saying why; a run ended
/// without awaiting it says so on stderr; and the rest of the run (params, metrics, the artifact's record with its local
/// URI) arrives all the same. An unreachable artifact endpoint: BackgroundArtifactTests and ArtifactLoggingTests.
/// </summary>
public sealed class SdkArtifactUploadFailureTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ArtifactTestData.TempDir _source = ArtifactTestData.NewDirectory();
    private readonly StringWriter _problems = new();

    public void Dispose() => _source.Dispose();

    [Fact]
    public async Task LogArtifact_CollectorRefusesTheBytes_AwaitFaultsWithTheCollectorsReason()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_upload_refused", o => o.Artifacts.MaxArtifactBytes = 4);
        using var tracking = Tracking(collector, collector.Host.HttpEndpoint);
        using var run = tracking.StartRun(new RunOptions { Experiment = "upload-refused" });

        var error = await Assert.ThrowsAsync<ArtifactUploadException>(async () => await run.LogArtifact(Model(), kind: "model").Completion.WaitAsync(Timeout, _ct));

        Assert.StartsWith($"artifact 'model.bin' of run {run.Id} was recorded but not uploaded: PUT answered 413", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("log the artifact again.", error.Message, StringComparison.Ordinal);
        Assert.False(error.Recorded.Uploaded);
        Assert.Equal("file", error.Recorded.Uri!.Scheme);
    }

    [Fact]
    public async Task End_RefusedUploadNobodyAwaited_SaysSoOnStderr_TheRunsOtherDataArrives()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_upload_unawaited", o => o.Artifacts.MaxArtifactBytes = 4);
        var experiment = "upload-unawaited-" + Guid.NewGuid().ToString("N");
        string runId;
        using (var tracking = Tracking(collector, collector.Host.HttpEndpoint))
        {
            var run = tracking.StartRun(new RunOptions { Experiment = experiment, Params = { ["lr"] = 0.1 } });
            runId = run.Id;
            run.LogMetric("loss", 0.5, step: 1);
            _ = run.LogArtifact(Model(), kind: "model");
            run.End(RunStatus.Finished);
        }

        Assert.Contains($"otel-track: artifact 'model.bin' of run {runId} was recorded but not uploaded: PUT answered 413", _problems.ToString(), StringComparison.Ordinal);
        await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), runs => runs.Any(r => r.Status == "FINISHED"), Timeout);
        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Artifacts.Count == 1, Timeout);
        Assert.Equal("0.1", detail.Params["lr"]);
        Assert.Equal(0.5, detail.Metrics["loss"]);
        var artifact = Assert.Single(detail.Artifacts);
        Assert.Equal(("model.bin", "model"), (artifact.Path, artifact.Kind));
        Assert.StartsWith("file://", artifact.Uri, StringComparison.Ordinal);
    }

    private string Model()
    {
        var path = Path.Combine(_source.Path, "model.bin");
        File.WriteAllBytes(path, ArtifactTestData.Bytes(64, seed: 7));
        return path;
    }

    private MlTracking Tracking(RunningCollector collector, Uri artifactEndpoint) => MlTracking.Create(o =>
    {
        o.Endpoint = collector.Host.HttpEndpoint;
        o.ArtifactEndpoint = artifactEndpoint;
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.ServiceName = "e2e-trainer";
        o.HandleTerminationSignals = false;
        o.BufferOffline = false;
        o.CaptureGitDiff = false;
        o.ProblemOutput = _problems;
    });
}
