using System.Diagnostics;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>
/// A `git clone` of this repository's committed state in a temporary directory, as a newcomer gets it, where shell
/// commands run as they would at that newcomer's prompt. Shared by the tests of one class: builds in it take minutes.
/// </summary>
public sealed class CleanClone : IAsyncLifetime
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    private readonly TempDirectory _temp = new();

    public string Root => _temp.Combine("clone");

    /// <summary>A home directory of its own, for what installs into ~ (global .NET tools).</summary>
    public string Home => _temp.Combine("home");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        var clone = await RunAsync(_temp.Path, $"git clone --quiet --no-hardlinks '{RepositoryFiles.Root}' clone", isolatedHome: false);
        Assert.True(clone.ExitCode == 0, clone.ToString());
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs <paramref name="script"/> with bash in the clone (errexit, pipefail).</summary>
    public Task<CliResult> RunAsync(string script, bool isolatedHome) => RunAsync(Root, "set -euo pipefail\n" + script, isolatedHome);

    private async Task<CliResult> RunAsync(string directory, string script, bool isolatedHome)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment.Remove("OTEL_TRACK_ENDPOINT");
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        start.Environment.Remove("DOTNET_CLI_HOME");
        start.Environment["NO_COLOR"] = "1";
        if (isolatedHome)
        {
            // The NuGet cache stays the real one: a new home would download every package again.
            start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            start.Environment["HOME"] = Home;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"after {CommandTimeout}, still running:\n{script}\nstdout so far:\n{await stdout}\nstderr so far:\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
