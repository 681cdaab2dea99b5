using System.Security.Cryptography;
using Otel.Tracking.EnvironmentCapture;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>Git capture against real temporary repositories.</summary>
public sealed class GitSnapshotTests
{
    [Fact]
    public void Capture_CleanRepositoryWithOrigin_RecordsCommitBranchAndStrippedUrl()
    {
        using var repo = new TempGitRepository();
        repo.Write("train.py", "print('hi')\n");
        repo.CommitAll("first");
        repo.Git("remote", "add", "origin", "https://user:s3cr3t@github.com/org/repo.git");

        var snapshot = GitSnapshot.Capture(repo.Path);

        Assert.Equal(repo.Git("rev-parse", "HEAD"), snapshot.Revision);
        Assert.Equal("main", snapshot.Branch);
        Assert.Equal("https://github.com/org/repo.git", snapshot.RemoteUrl);
        Assert.False(snapshot.Dirty);
        Assert.Null(snapshot.DiffSha256);
        Assert.Null(snapshot.DiffBytes);

        var attributes = new ResourceAttributes();
        snapshot.AddTo(attributes);
        Assert.Equal(snapshot.Revision, attributes[MlSemanticConventions.VcsRefHeadRevision]);
        Assert.Equal("main", attributes[MlSemanticConventions.VcsRefHeadName]);
        Assert.Equal("branch", attributes[MlSemanticConventions.VcsRefHeadType]);
        Assert.Equal("https://github.com/org/repo.git", attributes[MlSemanticConventions.VcsRepositoryUrlFull]);
        Assert.Equal("github", attributes[MlSemanticConventions.VcsProviderName]);
        Assert.Equal(false, attributes[MlSemanticConventions.VcsDirty]);
        Assert.Null(attributes[MlSemanticConventions.VcsDiffSha256]);
    }

    [Fact]
    public void Capture_UntrackedFileOnly_IsNotDirty()
    {
        using var repo = new TempGitRepository();
        repo.Write("train.py", "a\n");
        repo.CommitAll("first");
        repo.Write("scratch.csv", "1,2\n");

        var snapshot = GitSnapshot.Capture(repo.Path);

        Assert.False(snapshot.Dirty);
        Assert.Null(snapshot.RemoteUrl);
    }

    [Fact]
    public void Capture_ModifiedTrackedFiles_IsDirtyWithHashOfBinaryDiff()
    {
        using var repo = new TempGitRepository();
        repo.Write("train.py", "a\n");
        repo.Write("weights.bin", [0, 1, 2, 3, 255, 0, 10, 13]);
        repo.CommitAll("first");
        repo.Write("train.py", "b\n");
        repo.Write("weights.bin", [0, 1, 2, 4, 254, 0, 13, 10, 0]);

        var snapshot = GitSnapshot.Capture(repo.Path);

        var expected = repo.GitBytes("diff", "HEAD", "--binary", "--no-color", "--no-ext-diff", "--no-textconv");
        Assert.True(snapshot.Dirty);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), snapshot.DiffSha256);
        Assert.Equal(expected, snapshot.DiffBytes!.Value.ToArray());
        Assert.Contains("GIT binary patch", System.Text.Encoding.ASCII.GetString(expected), StringComparison.Ordinal);

        var attributes = new ResourceAttributes();
        snapshot.AddTo(attributes);
        Assert.Equal(true, attributes[MlSemanticConventions.VcsDirty]);
        Assert.Equal(snapshot.DiffSha256, attributes[MlSemanticConventions.VcsDiffSha256]);
    }

    [Fact]
    public void Capture_StagedChangeOnly_IsDirty()
    {
        using var repo = new TempGitRepository();
        repo.Write("train.py", "a\n");
        repo.CommitAll("first");
        repo.Write("new.py", "new\n");
        repo.Git("add", "new.py");

        var snapshot = GitSnapshot.Capture(repo.Path);

        Assert.True(snapshot.Dirty);
        Assert.NotNull(snapshot.DiffSha256);
    }

    [Fact]
    public void Capture_DetachedHead_HasCommitButNoBranch()
    {
        using var repo = new TempGitRepository();
        repo.Write("train.py", "a\n");
        repo.CommitAll("first");
        repo.Git("checkout", "-q", "--detach");

        var snapshot = GitSnapshot.Capture(repo.Path);

        Assert.Equal(repo.Git("rev-parse", "HEAD"), snapshot.Revision);
        Assert.Null(snapshot.Branch);
        var attributes = new ResourceAttributes();
        snapshot.AddTo(attributes);
        Assert.Null(attributes[MlSemanticConventions.VcsRefHeadType]);
    }

    [Fact]
    public void Capture_NotARepository_CapturesNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "otel-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Assert.Same(GitSnapshot.Empty, GitSnapshot.Capture(directory));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void Capture_GitMissing_CapturesNothingWithoutThrowing()
    {
        using var repo = new TempGitRepository();

        Assert.Same(GitSnapshot.Empty, GitSnapshot.Capture(repo.Path, gitExecutable: "no-such-git-" + Guid.NewGuid().ToString("N")));
        Assert.Same(GitSnapshot.Empty, GitSnapshot.Capture(Path.Combine(repo.Path, "missing-directory")));
    }

    [Fact]
    public void ParseStatus_PorcelainV2_ReadsCommitBranchAndTrackedChanges()
    {
        const string status = """
            # branch.oid 4f1c2e9d0000000000000000000000000000abcd
            # branch.head feature/x
            # branch.upstream origin/feature/x
            1 .M N... 100644 100644 100644 aaaa bbbb train.py
            """;

        Assert.Equal(("4f1c2e9d0000000000000000000000000000abcd", "feature/x", true), GitSnapshot.ParseStatus(status));
        Assert.Equal((null, "main", false), GitSnapshot.ParseStatus("# branch.oid (initial)\n# branch.head main\n"));
    }
}
