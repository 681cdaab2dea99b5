using System.Security.Cryptography;
using System.Text;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// The git state of a working directory: commit, branch, origin URL (credentials stripped) and whether tracked files
/// differ from the commit, with the uncommitted diff. Untracked files do not make the tree dirty: <c>git diff HEAD</c>
/// could not reproduce them, and build outputs or data files that nobody ignores would mark every run dirty.
/// </summary>
internal sealed class GitSnapshot
{
    /// <summary>Largest diff kept in memory for the <c>vcs/uncommitted.diff</c> artifact; the hash covers any size.</summary>
    internal const int MaxDiffBytes = 32 * 1024 * 1024;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);
    private static readonly Lazy<GitSnapshot> ProcessSnapshot = new(() => Capture(System.Environment.CurrentDirectory));

    /// <summary>Nothing captured: git is missing, the directory is not in a repository, or git failed.</summary>
    public static GitSnapshot Empty { get; } = new();

    /// <summary>The snapshot of the process working directory, captured once on first use.</summary>
    public static GitSnapshot Current => ProcessSnapshot.Value;

    public string? Revision { get; private init; }

    public string? Branch { get; private init; }

    public string? RemoteUrl { get; private init; }

    /// <summary>Null when not known (nothing captured).</summary>
    public bool? Dirty { get; private init; }

    /// <summary>Lowercase hex SHA-256 of the output of <c>git diff HEAD --binary</c>; null unless dirty.</summary>
    public string? DiffSha256 { get; private init; }

    /// <summary>
    /// The bytes of <c>git diff HEAD --binary</c> when dirty, for the <c>vcs/uncommitted.diff</c> artifact; null when
    /// clean, or when the diff exceeds <see cref="MaxDiffBytes"/> (its hash is still recorded).
    /// </summary>
    public ReadOnlyMemory<byte>? DiffBytes { get; private init; }

    /// <summary>
    /// Runs git in <paramref name="workingDirectory"/>. Missing git, a directory outside any repository, a failure
    /// or a timeout give <see cref="Empty"/> (or what was learned before it); never throws.
    /// </summary>
    internal static GitSnapshot Capture(string workingDirectory, string gitExecutable = "git", TimeSpan? timeout = null)
    {
        var git = ExternalCommand.Find(gitExecutable);
        if (git is null || !Directory.Exists(workingDirectory))
        {
            return Empty;
        }

        var deadline = timeout ?? DefaultTimeout;
        string? Text(params string[] arguments) =>
            ExternalCommand.Run(git, arguments, workingDirectory, deadline) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

        // One call gives commit, branch and changed tracked files; the remote comes from a second, cheap one.
        var status = Text("status", "--porcelain=v2", "--branch", "--untracked-files=no", "--ignore-submodules=dirty");
        if (status is null)
        {
            return Empty;
        }

        var remoteUrl = Text("remote", "get-url", "origin")?.Trim();

        var (revision, branch, dirty) = ParseStatus(status);
        var snapshot = new GitSnapshot
        {
            Revision = revision,
            Branch = branch,
            RemoteUrl = string.IsNullOrEmpty(remoteUrl) ? null : RepositoryUrl.StripCredentials(remoteUrl),
            Dirty = dirty,
        };
        if (!dirty || revision is null)
        {
            return snapshot;
        }

        // Raw bytes, not text: binary patches and any encoding hash the same on every machine.
        var diff = ExternalCommand.Run(git, ["diff", "HEAD", "--binary", "--no-color", "--no-ext-diff", "--no-textconv"], workingDirectory, deadline);
        return diff is null ? snapshot : snapshot.WithDiff(diff);
    }

    /// <summary>Commit, branch and dirty flag from <c>git status --porcelain=v2 --branch</c>.</summary>
    internal static (string? Revision, string? Branch, bool Dirty) ParseStatus(string status)
    {
        string? revision = null;
        string? branch = null;
        var dirty = false;
        foreach (var line in status.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# branch.oid ", StringComparison.Ordinal))
            {
                var oid = line["# branch.oid ".Length..];
                revision = oid == "(initial)" ? null : oid;
            }
            else if (line.StartsWith("# branch.head ", StringComparison.Ordinal))
            {
                var head = line["# branch.head ".Length..];
                branch = head == "(detached)" ? null : head;
            }
            else if (line[0] is '1' or '2' or 'u')
            {
                // Ordinary, renamed/copied and unmerged entries: tracked files that differ from HEAD.
                dirty = true;
            }
        }

        return (revision, branch, dirty);
    }

    /// <summary>The resource attributes of this snapshot.</summary>
    public void AddTo(ResourceAttributes attributes)
    {
        attributes.Add(MlSemanticConventions.VcsRefHeadRevision, Revision);
        if (Branch is not null)
        {
            attributes.Add(MlSemanticConventions.VcsRefHeadName, Branch);
            attributes.Add(MlSemanticConventions.VcsRefHeadType, MlSemanticConventions.VcsRefType.Branch);
        }

        if (RemoteUrl is not null)
        {
            attributes.Add(MlSemanticConventions.VcsRepositoryUrlFull, RemoteUrl);
            attributes.Add(MlSemanticConventions.VcsProviderName, RepositoryUrl.Provider(RemoteUrl));
        }

        if (Dirty is { } dirty)
        {
            attributes.Add(MlSemanticConventions.VcsDirty, dirty);
        }

        attributes.Add(MlSemanticConventions.VcsDiffSha256, DiffSha256);
    }

    private GitSnapshot WithDiff(byte[] diff) => new()
    {
        Revision = Revision,
        Branch = Branch,
        RemoteUrl = RemoteUrl,
        Dirty = Dirty,
        DiffSha256 = Convert.ToHexStringLower(SHA256.HashData(diff)),
        DiffBytes = diff.Length <= MaxDiffBytes ? diff : null,
    };
}
