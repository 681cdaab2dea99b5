using Otel.Tracking.Artifacts;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.Artifacts;

/// <summary>
/// LogArtifact returns at once and uploads in the background; ending the run waits for it, within ShutdownTimeout. An
/// upload that fails faults its awaitable, and is said on stderr by the time the run has ended.
/// </summary>
public sealed class BackgroundArtifactTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly SpanCapture _capture = new();
    private readonly TempTree _tree = new();
    private readonly FakeArtifactServer _server = new();
    private readonly StringWriter _problems = new();

    public void Dispose()
    {
        _server.Dispose();
        _tree.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public async Task LogArtifact_ServerHoldsTheUpload_ReturnsBeforeItCompletes()
    {
        var path = _tree.Write("model.bin", "weights");
        _server.PutGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tracking = Tracking(TimeSpan.FromSeconds(30));
        using var run = tracking.StartRun(_capture.RunOptions());

        var upload = run.LogArtifact(path, kind: "model");

        Assert.Equal("model.bin", upload.Path);
        Assert.False(upload.Completion.IsCompleted);
        Assert.Equal("model.bin (uploading)", upload.ToString());
        _server.PutGate.SetResult();
        var info = await upload.Completion.WaitAsync(Timeout, _ct);
        Assert.True(info.Uploaded);
        Assert.Same(info, await upload);
    }

    [Fact]
    public async Task End_PendingUpload_WaitsForItSoItsEventGoesOutBeforeTheRunSpan()
    {
        var path = _tree.Write("model.bin", "weights");
        _server.PutGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tracking = Tracking(TimeSpan.FromSeconds(30));
        var run = tracking.StartRun(_capture.RunOptions());
        var upload = run.LogArtifact(path);

        var ending = Task.Run(() => run.End(RunStatus.Finished), _ct);
        await Eventually.UntilAsync(() => Task.FromResult(_server.Puts), puts => puts == 1, _ => "the PUT never arrived", Timeout);
        _server.PutGate.SetResult();
        await ending.WaitAsync(Timeout, _ct);

        Assert.True(upload.Completion.IsCompletedSuccessfully);
        var names = _capture.Spans.Select(s => s.OperationName).ToList();
        Assert.True(names.IndexOf(MlSemanticConventions.ArtifactEvent) < names.IndexOf(MlSemanticConventions.RunSpan), string.Join(", ", names));
        Assert.Equal("", _problems.ToString());
    }

    [Fact]
    public async Task End_UploadStillRunningAfterShutdownTimeout_SaysSoOnStderr()
    {
        var path = _tree.Write("model.bin", "weights");
        _server.PutGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tracking = Tracking(TimeSpan.FromMilliseconds(100));
        var run = tracking.StartRun(_capture.RunOptions());
        var upload = run.LogArtifact(path);

        run.End(RunStatus.Finished);

        Assert.Contains($"run {run.Id} ended with 1 artifact upload(s) still running", _problems.ToString(), StringComparison.Ordinal);
        _server.PutGate.SetResult();
        await upload.Completion.WaitAsync(Timeout, _ct);
    }

    [Fact]
    public async Task LogArtifact_ArtifactEndpointUnreachable_AwaitFaultsSayingWhyAndWhatToDo()
    {
        var path = _tree.Write("model.bin", "weights");
        var nowhere = new Uri($"http://127.0.0.1:{FakeArtifactServer.FreePort()}/");
        using var tracking = Tracking(TimeSpan.FromSeconds(30), nowhere);
        using var run = tracking.StartRun(_capture.RunOptions());

        var error = await Assert.ThrowsAsync<ArtifactUploadException>(async () => await run.LogArtifact(path, kind: "model").Completion.WaitAsync(Timeout, _ct));

        Assert.StartsWith($"artifact 'model.bin' of run {run.Id} was recorded but not uploaded: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(after 4 attempts to {nowhere})", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("check the collector's artifact endpoint (MlTrackingOptions.ArtifactEndpoint, OTEL_TRACK_ENDPOINT) and log the artifact again.",
            error.Message, StringComparison.Ordinal);
        Assert.Equal((false, new Uri(path)), (error.Recorded.Uploaded, error.Recorded.Uri));
        Assert.Single(_capture.Single(MlSemanticConventions.ArtifactEvent).Events);
    }

    [Fact]
    public void End_UnawaitedUploadToAnUnreachableEndpoint_SaysSoOnStderrBeforeEndReturns_TheRunSpanStillGoesOut()
    {
        var path = _tree.Write("model.bin", "weights");
        using var tracking = Tracking(TimeSpan.FromSeconds(30), new Uri($"http://127.0.0.1:{FakeArtifactServer.FreePort()}/"));
        var run = tracking.StartRun(_capture.RunOptions());
        _ = run.LogArtifact(path);

        run.End(RunStatus.Finished);

        Assert.StartsWith($"otel-track: artifact 'model.bin' of run {run.Id} was recorded but not uploaded: ", _problems.ToString(), StringComparison.Ordinal);
        var names = _capture.Spans.Select(s => s.OperationName).ToList();
        Assert.Contains(MlSemanticConventions.ArtifactEvent, names);
        Assert.Contains(MlSemanticConventions.RunSpan, names);
    }

    [Fact]
    public void LogArtifact_MissingPathOrEndedRun_ThrowsAtTheCall()
    {
        using var tracking = Tracking(TimeSpan.FromSeconds(5));
        var run = tracking.StartRun(_capture.RunOptions());

        Assert.Throws<FileNotFoundException>(() => run.LogArtifact(Path.Combine(_tree.Root, "missing")));
        run.End(RunStatus.Finished);
        Assert.Throws<InvalidOperationException>(() => run.LogArtifact(_tree.Write("late.bin", "x")));
    }

    private MlTracking Tracking(TimeSpan shutdownTimeout, Uri? artifactEndpoint = null) =>
        TestTracking.Create(TestTracking.NewTime(), o =>
        {
            o.ArtifactEndpoint = artifactEndpoint ?? _server.BaseAddress;
            o.ArtifactRetryDelay = TimeSpan.FromMilliseconds(10);
            o.ShutdownTimeout = shutdownTimeout;
            o.ProblemOutput = _problems;
        });
}
