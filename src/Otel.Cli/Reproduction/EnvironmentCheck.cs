using Otel.Tracking.EnvironmentCapture;

namespace Otel.Cli.Reproduction;

/// <summary>
/// Compares the current checkout and environment with a run's manifest (<c>reproduce RUN --check</c>):
/// commit, uncommitted changes, dataset digests of the files at the recorded paths, runtime and
/// package versions. Each difference is one line; none means the run can be reproduced here.
/// </summary>
internal sealed class EnvironmentCheck(string workingDirectory, Func<string, string?> datasetDigest)
{
    public IReadOnlyList<string> Mismatches(ReproductionManifest manifest)
    {
        var mismatches = new List<string>();
        CheckCode(manifest, mismatches);
        CheckDatasets(manifest, mismatches);
        CheckRuntime(manifest, mismatches);
        CheckPackages(manifest, mismatches);
        return mismatches;
    }

    private void CheckCode(ReproductionManifest manifest, List<string> mismatches)
    {
        if (manifest.Commit is null)
        {
            return;
        }

        var git = GitSnapshot.Capture(workingDirectory);
        if (git.Revision is null)
        {
            mismatches.Add($"commit: the run was recorded at {manifest.Commit}, but {workingDirectory} is not a git checkout");
            return;
        }

        if (!string.Equals(git.Revision, manifest.Commit, StringComparison.OrdinalIgnoreCase))
        {
            mismatches.Add($"commit: recorded {manifest.Commit}, checked out {git.Revision} (git checkout {manifest.Commit})");
        }

        if (git.Dirty == true && !(manifest.Dirty == true && git.DiffSha256 == manifest.DiffSha256))
        {
            mismatches.Add(manifest.Dirty == true
                ? $"uncommitted changes differ from the recorded ones (diff sha256 {manifest.DiffSha256}, now {git.DiffSha256})"
                : "the working tree has uncommitted changes; the run was recorded on a clean tree (git stash)");
        }
        else if (git.Dirty == false && manifest.Dirty == true)
        {
            mismatches.Add($"the run was recorded with uncommitted changes (diff sha256 {manifest.DiffSha256}); apply the recorded diff artifact vcs/uncommitted.diff");
        }
    }

    private void CheckDatasets(ReproductionManifest manifest, List<string> mismatches)
    {
        foreach (var dataset in manifest.Datasets)
        {
            if (!Uri.TryCreate(dataset.Uri, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                continue;
            }

            var path = uri.LocalPath;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                mismatches.Add($"dataset {dataset.Name} ({dataset.Context}): nothing at {path}");
                continue;
            }

            var digest = datasetDigest(path);
            if (!string.Equals(digest, dataset.Digest, StringComparison.OrdinalIgnoreCase))
            {
                mismatches.Add($"dataset {dataset.Name} ({dataset.Context}): digest at {path} is {digest}, recorded {dataset.Digest}");
            }
        }
    }

    private static void CheckRuntime(ReproductionManifest manifest, List<string> mismatches)
    {
        var current = System.Environment.Version.ToString();
        if (manifest.Runtime is not null && !string.Equals(manifest.Runtime, current, StringComparison.Ordinal))
        {
            mismatches.Add($"runtime: recorded .NET {manifest.Runtime}, this machine runs {current}");
        }
    }

    /// <summary>The recorded program's own deps.json holds the package versions it would run with now.</summary>
    private static void CheckPackages(ReproductionManifest manifest, List<string> mismatches)
    {
        if (manifest.Packages.Count == 0 || manifest.Arguments() is not { Count: > 0 } arguments)
        {
            return;
        }

        var deps = ProgramDepsJson(arguments, manifest.WorkingDirectory);
        if (!File.Exists(deps))
        {
            mismatches.Add($"packages: cannot find the program's deps.json ({deps}) to compare {manifest.Packages.Count} recorded package versions; build the program at the recorded path");
            return;
        }

        using var stream = File.OpenRead(deps);
        var current = DepsJsonPackages.Parse(stream).Select(p => p.Split('/', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        foreach (var (name, version) in manifest.Packages)
        {
            if (!current.TryGetValue(name, out var now))
            {
                mismatches.Add($"package {name}: recorded {version}, not in {deps}");
            }
            else if (!string.Equals(now, version, StringComparison.Ordinal))
            {
                mismatches.Add($"package {name}: recorded {version}, now {now}");
            }
        }
    }

    /// <summary>
    /// Beside the entry assembly: the first <c>.dll</c> argument (<c>dotnet app.dll</c>), else the program itself, an
    /// app host (<c>app</c> or <c>app.exe</c>, as <c>dotnet run</c> starts it) whose deps.json bears its name.
    /// </summary>
    internal static string ProgramDepsJson(IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var entry = arguments.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) ?? arguments[0];
        var path = Path.Combine(workingDirectory ?? string.Empty, entry);
        var name = Path.GetFileName(path);
        if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, name + ".deps.json");
    }
}
