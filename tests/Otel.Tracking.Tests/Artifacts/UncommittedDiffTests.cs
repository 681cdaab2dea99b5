using System.Security.Cryptography;
using Otel.Tracking.EnvironmentCapture;
using Otel.Tracking.Tests.EnvironmentCapture;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class UncommittedDiffTests : IDisposable
{
    private readonly SpanCapture _capture = new();
    private readonly FakeArtifactServer _server = new();
    private readonly TempGitRepository _repository = new();

    public void Dispose()
    {
        _repository.Dispose();
        _server.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public async Task LogUncommittedDiff_DirtyTree_UploadsTheDiffAsVcsArtifact()
    {
        _repository.Write("train.py", "lr = 0.1\n");
        _repository.CommitAll("first");
        _repository.Write("train.py", "lr = 0.2\n");
        var git = GitSnapshot.Capture(_repository.Path);
        Assert.True(git.Dirty);

        using (var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.ArtifactEndpoint = _server.BaseAddress))
        {
            using var run = tracking.StartRun(_capture.RunOptions());
            run.LogUncommittedDiff(git);
            await run.UncommittedDiff.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        var diff = git.DiffBytes!.Value.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(diff));
        Assert.Equal(git.DiffSha256, sha);
        Assert.Equal(diff, _server.Stored[sha]);
        var span = _capture.Single(MlSemanticConventions.ArtifactEvent);
        var tags = span.Events.Single().Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(MlSemanticConventions.VcsDiffArtifactPath, tags[MlSemanticConventions.ArtifactPath]);
        Assert.Equal("vcs-diff", tags[MlSemanticConventions.ArtifactKind]);
    }

    [Fact]
    public void LogUncommittedDiff_CleanTree_LogsNothing()
    {
        _repository.Write("train.py", "lr = 0.1\n");
        _repository.CommitAll("first");
        using (var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.ArtifactEndpoint = _server.BaseAddress))
        {
            using var run = tracking.StartRun(_capture.RunOptions());
            run.LogUncommittedDiff(GitSnapshot.Capture(_repository.Path));
        }

        Assert.Empty(_server.Stored);
        Assert.Empty(_capture.Named(MlSemanticConventions.ArtifactEvent));
    }
}
