using System.Diagnostics;
using System.Text;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>A throwaway git repository with a local identity, so commits work whatever the user's global config.</summary>
internal sealed class TempGitRepository : IDisposable
{
    public TempGitRepository()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "otel-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test User");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "commit.gpgsign", "false");
        Git("config", "core.autocrlf", "false");
    }

    public string Path { get; }

    public void Write(string relativePath, string text) => File.WriteAllText(System.IO.Path.Combine(Path, relativePath), text);

    public void Write(string relativePath, byte[] bytes) => File.WriteAllBytes(System.IO.Path.Combine(Path, relativePath), bytes);

    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--no-verify", "-m", message);
    }

    /// <summary>Runs git in the repository and returns stdout as bytes; fails the test on a non-zero exit.</summary>
    public byte[] GitBytes(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output);
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "git " + string.Join(' ', arguments) + " timed out");
        Task.WaitAll(stdout, stderr);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {stderr.GetAwaiter().GetResult()}");
        return output.ToArray();
    }

    public string Git(params string[] arguments) => Encoding.UTF8.GetString(GitBytes(arguments)).Trim();

    public void Dispose()
    {
        try
        {
            // git makes its objects read-only; clear that so the directory can be deleted everywhere.
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
