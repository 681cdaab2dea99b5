using System.Runtime.InteropServices;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>
/// The Dockerfile's build stage carried out on this machine, without Docker: its WORKDIR, COPY and RUN instructions in
/// order, on a copy of the build context (.dockerignore applied) in a temporary directory that stands for the image's
/// file system. A restore layer that misses a project, or a publish that needs what the context leaves out, fails here
/// as it would in `docker build`. Shared by the tests of one class: the publish takes minutes.
/// </summary>
public sealed class DockerBuildSimulation : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("otel-track-docker-build-");

    /// <summary>The runtime stage's /app: what the build stage published.</summary>
    public string App => InImage("/app");

    /// <summary>The .NET installation running this test, as DOTNET_ROOT for the published app host.</summary>
    public static string DotNetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public async ValueTask InitializeAsync()
    {
        var workdir = "/";
        var ignore = DockerIgnore.Load();
        foreach (var instruction in Dockerfile.Load().Stage("build").Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = instruction.Arguments;
                    Directory.CreateDirectory(InImage(workdir));
                    break;
                case "COPY":
                    Copy(instruction.Words, InImage(workdir), ignore);
                    break;
                case "RUN":
                    await RunAsync(instruction.Words, InImage(workdir));
                    break;
                default:
                    throw new NotSupportedException($"the build simulation does not carry out {instruction.Keyword}; teach it, or keep the build stage simple");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _root.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private string InImage(string path) => Path.Combine(_root.FullName, "image", path.TrimStart('/'));

    private void Copy(IReadOnlyList<string> words, string workdir, DockerIgnore ignore)
    {
        if (words.Any(word => word.StartsWith("--", StringComparison.Ordinal)))
        {
            throw new NotSupportedException("COPY flags in the build stage: " + string.Join(' ', words));
        }

        var destination = words[^1].StartsWith('/') ? InImage(words[^1]) : Path.Combine(workdir, words[^1]);
        foreach (var source in words.SkipLast(1))
        {
            if (source == ".")
            {
                CopyContext(RepositoryFiles.Root, destination, ignore);
                continue;
            }

            if (ignore.IsIgnored(source) || !File.Exists(Path.Combine(RepositoryFiles.Root, source)))
            {
                throw new FileNotFoundException($"COPY {source}: not in the build context");
            }

            var target = Path.Combine(destination, Path.GetFileName(source));
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(RepositoryFiles.Root, source), target, overwrite: true);
        }
    }

    private static void CopyContext(string context, string destination, DockerIgnore ignore)
    {
        var pending = new Stack<string>([context]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                var relative = Path.GetRelativePath(context, entry);
                if (ignore.IsIgnored(relative))
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else
                {
                    var target = Path.Combine(destination, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(entry, target, overwrite: true);
                }
            }
        }
    }

    private async Task RunAsync(IReadOnlyList<string> words, string workdir)
    {
        if (words[0] != "dotnet")
        {
            throw new NotSupportedException("the build simulation runs dotnet commands only: " + string.Join(' ', words));
        }

        var arguments = words.Skip(1).Select(word => word.StartsWith('/') ? InImage(word) : word);
        var info = ChildProcess.StartInfo("dotnet", workdir, arguments);

        // A container starts clean: nothing of the test host's MSBuild or test platform, and no build servers left behind.
        foreach (var key in info.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var run = await ChildProcess.RunAsync(info, StepTimeout);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"RUN {string.Join(' ', words)} exited {run.ExitCode}:\n{run.Output}");
        }
    }
}
