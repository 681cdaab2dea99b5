using System.Diagnostics;
using Otel.Tracking.Artifacts;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class ArtifactLoggingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly SpanCapture _capture = new();
    private readonly TempTree _tree = new();
    private readonly FakeArtifactServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _tree.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public async Task LogArtifactAsync_File_UploadsAndEmitsEventWithStoredUri()
    {
        var path = _tree.Write("model.bin", "weights");
        var sha = TempTree.Sha256("weights");
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = await run.LogArtifactAsync(path, kind: "model", artifactPath: "/models//model.bin/", _ct).WaitAsync(Timeout, _ct);

        Assert.Equal("models/model.bin", info.Path);
        Assert.Equal(sha, info.Sha256);
        Assert.Equal(7, info.Size);
        Assert.True(info.Uploaded);
        Assert.Equal(new Uri("otel-track://artifacts/sha256/" + sha), info.Uri);
        Assert.Same(info, Assert.Single(info.Files));
        Assert.Equal("weights"u8.ToArray(), _server.Stored[sha]);

        var span = _capture.Single(MlSemanticConventions.ArtifactEvent);
        Assert.Equal(run.Id, span.Tag(MlSemanticConventions.RunId));
        var tags = EventTags(Assert.Single(span.Events), MlSemanticConventions.ArtifactEvent);
        Assert.Equal("models/model.bin", tags[MlSemanticConventions.ArtifactPath]);
        Assert.Equal(sha, tags[MlSemanticConventions.ArtifactSha256]);
        Assert.Equal(7L, tags[MlSemanticConventions.ArtifactSize]);
        Assert.Equal("otel-track://artifacts/sha256/" + sha, tags[MlSemanticConventions.ArtifactUri]);
        Assert.Equal("model", tags[MlSemanticConventions.ArtifactKind]);
    }

    [Fact]
    public async Task LogArtifactAsync_FirstPutInterrupted_RetriedAndStored()
    {
        var bytes = new byte[2_000_000];
        new Random(1).NextBytes(bytes);
        var path = _tree.Write("checkpoint.pt", bytes);
        _server.InterruptPuts(1);
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = await run.LogArtifactAsync(path, cancellationToken: _ct).WaitAsync(Timeout, _ct);

        Assert.True(info.Uploaded);
        Assert.Equal(2, _server.Puts);
        Assert.Equal(bytes, _server.Stored[TempTree.Sha256(bytes)]);
    }

    [Fact]
    public async Task LogArtifactAsync_DirectoryWithDuplicateContent_EachContentUploadedOnce()
    {
        _tree.Write("out/a.txt", "same");
        _tree.Write("out/sub/c.txt", "same");
        _tree.Write("out/d.txt", "other");
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = await run.LogArtifactAsync(Path.Combine(_tree.Root, "out"), kind: "report", cancellationToken: _ct).WaitAsync(Timeout, _ct);
        var renamed = await run.LogArtifactAsync(Path.Combine(_tree.Root, "out"), artifactPath: "reports/v1", cancellationToken: _ct).WaitAsync(Timeout, _ct);

        Assert.Equal(2, _server.Puts);
        Assert.Equal(["out/a.txt", "out/d.txt", "out/sub/c.txt"], info.Files.Select(f => f.Path));
        Assert.Equal(["reports/v1/a.txt", "reports/v1/d.txt", "reports/v1/sub/c.txt"], renamed.Files.Select(f => f.Path));
        Assert.Equal("out", info.Path);
        Assert.Equal(13, info.Size);
        Assert.True(info.Uploaded);
        var manifest = $"a.txt\t{TempTree.Sha256("same")}\nd.txt\t{TempTree.Sha256("other")}\nsub/c.txt\t{TempTree.Sha256("same")}\n";
        Assert.Equal(TempTree.Sha256(manifest), info.Sha256);
        var events = _capture.Named(MlSemanticConventions.ArtifactEvent)[0].Events.ToList();
        Assert.Equal(info.Files.Select(f => f.Path), events.Select(e => EventTags(e, MlSemanticConventions.ArtifactEvent)[MlSemanticConventions.ArtifactPath]));
    }

    [Fact]
    public async Task LogArtifactAsync_SameContentTwice_SecondNotSentAgain()
    {
        var path = _tree.Write("model.bin", "weights");
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        await run.LogArtifactAsync(path, cancellationToken: _ct).WaitAsync(Timeout, _ct);
        var second = await run.LogArtifactAsync(path, artifactPath: "copy", cancellationToken: _ct).WaitAsync(Timeout, _ct);

        Assert.True(second.Uploaded);
        Assert.Equal(1, _server.Puts);
        Assert.Equal(1, _server.Heads);
        Assert.Equal(2, _capture.Named(MlSemanticConventions.ArtifactEvent).Count);
    }

    [Fact]
    public async Task LogArtifactAsync_ContentAlreadyInStore_HeadSkipsPut()
    {
        var path = _tree.Write("model.bin", "weights");
        _server.Stored[TempTree.Sha256("weights")] = "weights"u8.ToArray();
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = await run.LogArtifactAsync(path, cancellationToken: _ct).WaitAsync(Timeout, _ct);

        Assert.True(info.Uploaded);
        Assert.Equal(0, _server.Puts);
    }

    [Fact]
    public void LogArtifact_CollectorDown_RecordsWithFileUriThenFaults()
    {
        var path = _tree.Write("dir/a.txt", "a");
        _tree.Write("dir/b.txt", "b");
        using var tracking = Tracking(new Uri($"http://127.0.0.1:{FakeArtifactServer.FreePort()}/"));
        using var run = tracking.StartRun(_capture.RunOptions());

        var error = Assert.Throws<ArtifactUploadException>(() => run.LogArtifact(Path.GetDirectoryName(path)!).Wait());

        Assert.StartsWith($"2 of 2 files of artifact 'dir' of run {run.Id} were recorded but not uploaded (first, 'dir/a.txt': ", error.Message, StringComparison.Ordinal);
        var info = error.Recorded;
        Assert.False(info.Uploaded);
        Assert.All(info.Files, f => Assert.False(f.Uploaded));
        Assert.Equal(new Uri(path), info.Files[0].Uri);
        var events = _capture.Single(MlSemanticConventions.ArtifactEvent).Events.ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(new Uri(path).AbsoluteUri, EventTags(events[0], MlSemanticConventions.ArtifactEvent)[MlSemanticConventions.ArtifactUri]);
    }

    [Fact]
    public async Task LogArtifactAsync_UploadInFlight_LogMetricStillFlushes()
    {
        var path = _tree.Write("model.bin", "weights");
        _server.PutGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var upload = run.LogArtifactAsync(path, cancellationToken: _ct);
        await Eventually.UntilAsync(() => _server.Puts == 1, timeout: Timeout);
        run.LogMetric("loss", 0.5);
        run.Flush();

        Assert.False(upload.IsCompleted);
        Assert.Single(_capture.Named(MlSemanticConventions.RunMetricsSpan));
        _server.PutGate.SetResult();
        Assert.True((await upload.WaitAsync(Timeout, _ct)).Uploaded);
    }

    [Fact]
    public async Task LogArtifactBytesAsync_InMemoryContent_UploadedUnderGivenPath()
    {
        var diff = "diff --git a/x b/x\n"u8.ToArray();
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = await run.LogArtifactBytesAsync(diff, MlSemanticConventions.VcsDiffArtifactPath, "diff", _ct).WaitAsync(Timeout, _ct);

        Assert.True(info.Uploaded);
        Assert.Equal("vcs/uncommitted.diff", info.Path);
        Assert.Equal(diff, _server.Stored[TempTree.Sha256(diff)]);
        var tags = EventTags(Assert.Single(_capture.Single(MlSemanticConventions.ArtifactEvent).Events), MlSemanticConventions.ArtifactEvent);
        Assert.Equal("otel-track://artifacts/sha256/" + TempTree.Sha256(diff), tags[MlSemanticConventions.ArtifactUri]);
    }

    [Fact]
    public void LogArtifact_UploadsOff_RecordsWithoutContactingCollector()
    {
        var path = _tree.Write("model.bin", "weights");
        using var tracking = Tracking(configure: o => o.UploadArtifacts = false);
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogArtifact(path).Wait();

        Assert.False(info.Uploaded);
        Assert.Equal(0, _server.Heads + _server.Puts);
        Assert.Single(_capture.Named(MlSemanticConventions.ArtifactEvent));
    }

    [Fact]
    public void LogArtifact_ManyFiles_SpreadOverSpansUnderTheEventLimit()
    {
        for (var i = 0; i < 250; i++)
        {
            _tree.Write($"many/{i:D3}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var tracking = Tracking(configure: o => o.UploadArtifacts = false);
        using var run = tracking.StartRun(_capture.RunOptions());

        run.LogArtifact(Path.Combine(_tree.Root, "many")).Wait();

        var spans = _capture.Named(MlSemanticConventions.ArtifactEvent);
        Assert.Equal([100, 100, 50], spans.Select(s => s.Events.Count()));
    }

    [Fact]
    public void LogArtifact_Missing_ThrowsFileNotFound()
    {
        using var tracking = Tracking();
        using var run = tracking.StartRun(_capture.RunOptions());

        Assert.Throws<FileNotFoundException>(() => run.LogArtifact(Path.Combine(_tree.Root, "missing")));
        Assert.Empty(_capture.Named(MlSemanticConventions.ArtifactEvent));
    }

    [Fact]
    public void LogArtifact_AfterEnd_ThrowsInvalidOperation()
    {
        var path = _tree.Write("model.bin", "weights");
        using var tracking = Tracking();
        var run = tracking.StartRun(_capture.RunOptions());
        run.End(RunStatus.Finished);

        Assert.Throws<InvalidOperationException>(() => run.LogArtifact(path));
    }

    internal static Dictionary<string, object?> EventTags(ActivityEvent activityEvent, string name)
    {
        Assert.Equal(name, activityEvent.Name);
        return activityEvent.Tags.ToDictionary(t => t.Key, t => t.Value);
    }

    private MlTracking Tracking(Uri? endpoint = null, Action<MlTrackingOptions>? configure = null) =>
        TestTracking.Create(TestTracking.NewTime(), o =>
        {
            o.ArtifactEndpoint = endpoint ?? _server.BaseAddress;
            o.ArtifactRetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(o);
        });
}
